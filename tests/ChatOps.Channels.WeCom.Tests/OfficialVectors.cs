namespace ChatOps.Channels.WeCom.Tests;

/// <summary>
/// WeCom's published test vectors, copied verbatim.
/// <para>
/// Set 1 (token "QDG6eK", corp id "wx5823bf96d3bd56c7"): the official PHP sample,
/// github.com/sbzhu/weworkapi_php, callback/Sample.php (commit f2c836f57187c5390546a70e99be54251c56a95c),
/// "使用示例一：验证回调URL" and "使用示例二：对用户回复的消息解密"; the same ciphertext, signature and expected plaintext are
/// in WeCom's 加解密方案说明 (https://developer.work.weixin.qq.com/document/path/90968, "举例说明"). The sample does not
/// print the decrypted echostr; "1616140317555161061" was computed independently (Python, pyca/cryptography) and
/// matches the value other WeCom integrations assert for this vector.
/// </para>
/// <para>
/// Set 2 (token "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo", corp id "ww1436e0e65a779aee"): the official Python sample,
/// github.com/sbzhu/weworkapi_python, callback/Sample.py (commit 27220fbe9d5251d46101e33751568eae9f413666).
/// The sample prints but does not state the plaintexts; they were computed independently as above. Its decrypted
/// frame ends in 30 bytes of padding, i.e. a pad value above 16, which .NET's PKCS7 mode would reject.
/// </para>
/// </summary>
internal static class OfficialVectors
{
    public const string Token = "QDG6eK";
    public const string EncodingAesKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    public const string CorpId = "wx5823bf96d3bd56c7";

    public const string VerifyMsgSignature = "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3";
    public const string VerifyTimestamp = "1409659589";
    public const string VerifyNonce = "263014780";
    public const string VerifyEchoStr = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";
    public const string VerifyEchoStrPlain = "1616140317555161061";

    public const string MsgSignature = "477715d11cdb4164915debcba66cb864d751f3e6";
    public const string Timestamp = "1409659813";
    public const string Nonce = "1372623149";
    public const string Encrypt = "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==";
    public const string PostBody = "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[" + Encrypt + "]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>";
    public const string Plaintext = "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n<FromUserName><![CDATA[mycreate]]></FromUserName>\n<CreateTime>1409659813</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[hello]]></Content>\n<MsgId>4561255354251345929</MsgId>\n<AgentID>218</AgentID>\n</xml>";

    public const string Token2 = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo";
    public const string EncodingAesKey2 = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt";
    public const string CorpId2 = "ww1436e0e65a779aee";
    public const string VerifyMsgSignature2 = "012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb";
    public const string VerifyTimestamp2 = "1476416373";
    public const string VerifyNonce2 = "47744683";
    public const string VerifyEchoStr2 = "fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==";
    public const string VerifyEchoStrPlain2 = "1288432023552776189";
    public const string MsgSignature2 = "0c3914025cb4b4d68103f6bfc8db550f79dcf48e";
    public const string Timestamp2 = "1476422779";
    public const string Nonce2 = "1597212914";
    public const string PostBody2 = "<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName>\n<Encrypt><![CDATA[Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+]]></Encrypt>\n<AgentID><![CDATA[1000002]]></AgentID>\n</xml>";
    public const string Plaintext2 = "<xml><ToUserName>ww1436e0e65a779aee</ToUserName><FromUserName>ChenJiaShun</FromUserName><CreateTime>1476422779</CreateTime><MsgType>text</MsgType><Content>你好</Content><MsgId>1456453720</MsgId><AgentID>1000002</AgentID></xml>";

    /// <summary>The official vectors are dated 2014/2016, so the replay window is switched off for them.</summary>
    public static WeComCrypto Crypto() =>
        new(Token, EncodingAesKey, CorpId, new WeComCryptoOptions { MaxTimestampAge = null });

    public static WeComCrypto Crypto2() =>
        new(Token2, EncodingAesKey2, CorpId2, new WeComCryptoOptions { MaxTimestampAge = null });
}
