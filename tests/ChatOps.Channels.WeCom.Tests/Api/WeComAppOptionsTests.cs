using ChatOps.Channels.WeCom.Api;
using Microsoft.Extensions.Configuration;

namespace ChatOps.Channels.WeCom.Tests.Api;

public class WeComAppOptionsTests
{
    private static WeComAppOptions Valid(string? name = null) => new()
    {
        Name = name,
        CorpId = "ww1436e0e65a779aee",
        AgentId = "1000002",
        Secret = "s3cr3t-value",
        Token = "QDG6eK",
        EncodingAESKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C",
    };

    [Fact]
    public void Validate_ValidApp_HasNoErrors()
    {
        Assert.Empty(Valid().Validate());
        Assert.Equal("https://qyapi.weixin.qq.com", Valid().ApiBaseUrl);
        Assert.Equal("ww1436e0e65a779aee:1000002", Valid().Key);
    }

    [Theory]
    [InlineData("EncodingAESKey", "short", "WeCom:Apps:0:EncodingAESKey must be 43 characters")]
    [InlineData("EncodingAESKey", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2!", "WeCom:Apps:0:EncodingAESKey must be letters and digits that decode to a 32-byte key")]
    [InlineData("AgentId", "abc", "WeCom:Apps:0:AgentId must be a positive integer")]
    [InlineData("AgentId", "", "WeCom:Apps:0:AgentId is required")]
    [InlineData("CorpId", "", "WeCom:Apps:0:CorpId is required")]
    [InlineData("Secret", "", "WeCom:Apps:0:Secret is required")]
    [InlineData("Token", "a-b", "WeCom:Apps:0:Token must be 3 to 32 letters or digits")]
    [InlineData("ApiBaseUrl", "qyapi.weixin.qq.com", "WeCom:Apps:0:ApiBaseUrl must be an absolute http(s) URL without query or fragment")]
    [InlineData("ApiBaseUrl", "http://wecom.gov.example", "WeCom:Apps:0:ApiBaseUrl must use https (set WeCom:Apps:0:AllowHttp for a plain-http private deployment)")]
    public void Validate_BadValue_NamesTheKeyInOneLine(string key, string value, string expected)
    {
        var app = Valid();
        typeof(WeComAppOptions).GetProperty(key)!.SetValue(app, value);

        var error = Assert.Single(app.Validate("WeCom:Apps:0"));

        Assert.Equal(expected, error);
    }

    [Fact]
    public void Validate_NeverEchoesTheSecret()
    {
        var app = Valid();
        app.EncodingAESKey = "x";
        app.Token = "!";

        Assert.All(app.Validate(), e => Assert.DoesNotContain("s3cr3t", e, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_HttpLoopbackOrAllowHttp_IsAccepted()
    {
        var loopback = Valid();
        loopback.ApiBaseUrl = "http://127.0.0.1:5080";
        var gov = Valid();
        gov.ApiBaseUrl = "http://wecom.gov.example/";
        gov.AllowHttp = true;

        Assert.Empty(loopback.Validate());
        Assert.Empty(gov.Validate());
    }

    [Fact]
    public void WeComOptions_BoundFromConfiguration_ValidatesEveryAppAndCrossAppRules()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WeCom:Apps:0:CorpId"] = "ww1436e0e65a779aee",
            ["WeCom:Apps:0:AgentId"] = "1000002",
            ["WeCom:Apps:0:Secret"] = "a",
            ["WeCom:Apps:0:Token"] = "QDG6eK",
            ["WeCom:Apps:0:EncodingAESKey"] = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C",
            ["WeCom:Apps:1:CorpId"] = "ww1436e0e65a779aee",
            ["WeCom:Apps:1:AgentId"] = "1000002",
            ["WeCom:Apps:1:Secret"] = "b",
            ["WeCom:Apps:1:Token"] = "QDG6eK",
            ["WeCom:Apps:1:EncodingAESKey"] = "tooShort",
            ["WeCom:Apps:1:ApiBaseUrl"] = "https://wecom.gov.example",
        }).Build();
        var options = new WeComOptions();
        configuration.GetSection(WeComOptions.SectionName).Bind(options);

        var errors = options.Validate();

        Assert.Equal(2, options.Apps.Count);
        Assert.Equal("https://wecom.gov.example", options.Apps[1].ApiBaseUrl);
        Assert.Contains("WeCom:Apps:0:Name is required when several apps are configured", errors);
        Assert.Contains("WeCom:Apps:1:EncodingAESKey must be 43 characters", errors);
        Assert.Contains("WeCom:Apps:1:AgentId duplicates another app with the same CorpId", errors);
        Assert.True(new WeComOptionsValidator().Validate(null, options).Failed);
    }

    [Fact]
    public void WeComOptions_NoApps_IsAnError()
    {
        Assert.Equal(["WeCom:Apps must configure at least one app"], new WeComOptions().Validate());
    }

    [Fact]
    public void WeComOptions_TwoNamedApps_AreValid()
    {
        var options = new WeComOptions();
        options.Apps.Add(Valid("notices"));
        var dialogs = Valid("dialogs");
        dialogs.AgentId = "1000003";
        options.Apps.Add(dialogs);

        Assert.Empty(options.Validate());
        Assert.True(new WeComOptionsValidator().Validate(null, options).Succeeded);
    }
}
