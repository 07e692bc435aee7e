using System.Buffers.Binary;
using System.IO.Compression;

namespace ChatOps.Bot.Operations;

/// <summary>
/// The Teams app's two icons, drawn in code (no image files to keep in sync): a speech bubble with three dots — on the
/// accent colour for the 192×192 colour icon, white on transparent for the 32×32 outline icon, as Teams requires.
/// Written as RGBA PNG with a minimal encoder (zlib from the BCL, CRC-32 by table); 4×4 supersampling smooths edges.
/// </summary>
internal static class PngIcon
{
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>The colour icon: a white bubble on <paramref name="accent"/>.</summary>
    public static byte[] Color(int size, (byte R, byte G, byte B) accent) => Draw(size, (x, y) =>
        Bubble(x, y) && !Dot(x, y) ? (byte.MaxValue, byte.MaxValue, byte.MaxValue, byte.MaxValue) : (accent.R, accent.G, accent.B, byte.MaxValue));

    /// <summary>The outline icon: a white bubble on a transparent background, the dots cut out.</summary>
    public static byte[] Outline(int size) => Draw(size, (x, y) =>
        Bubble(x, y) && !Dot(x, y) ? (byte.MaxValue, byte.MaxValue, byte.MaxValue, byte.MaxValue) : ((byte)0, (byte)0, (byte)0, (byte)0));

    /// <summary>Reads the width, height and colour type of a PNG (for tests and checks).</summary>
    public static (int Width, int Height, byte ColorType) ReadHeader(byte[] png) =>
        (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)), png[25]);

    private static bool Bubble(double x, double y)
    {
        // Rounded rectangle (0.16..0.84, 0.22..0.66, radius 0.1) and a tail down-left.
        const double l = 0.16, r = 0.84, t = 0.22, b = 0.66, rad = 0.1;
        var cx = Math.Clamp(x, l + rad, r - rad);
        var cy = Math.Clamp(y, t + rad, b - rad);
        var inRect = x >= l && x <= r && y >= t && y <= b && ((x - cx) * (x - cx)) + ((y - cy) * (y - cy)) <= rad * rad;
        var inTail = y >= b - 0.01 && y <= 0.82 && x >= 0.28 && x <= 0.28 + ((0.82 - y) / 0.16 * 0.16);
        return inRect || inTail;
    }

    private static bool Dot(double x, double y)
    {
        foreach (var dx in new[] { 0.33, 0.5, 0.67 })
        {
            if (((x - dx) * (x - dx)) + ((y - 0.44) * (y - 0.44)) <= 0.055 * 0.055)
            {
                return true;
            }
        }

        return false;
    }

    private static byte[] Draw(int size, Func<double, double, (byte R, byte G, byte B, byte A)> paint)
    {
        const int Samples = 4;
        var raw = new byte[size * ((size * 4) + 1)];
        for (var py = 0; py < size; py++)
        {
            var row = py * ((size * 4) + 1);
            raw[row] = 0; // filter: none
            for (var px = 0; px < size; px++)
            {
                double r = 0, g = 0, b = 0, a = 0;
                for (var sy = 0; sy < Samples; sy++)
                {
                    for (var sx = 0; sx < Samples; sx++)
                    {
                        var c = paint((px + ((sx + 0.5) / Samples)) / size, (py + ((sy + 0.5) / Samples)) / size);
                        r += c.R * c.A;
                        g += c.G * c.A;
                        b += c.B * c.A;
                        a += c.A;
                    }
                }

                var o = row + 1 + (px * 4);
                raw[o] = a == 0 ? (byte)0 : (byte)Math.Round(r / a);
                raw[o + 1] = a == 0 ? (byte)0 : (byte)Math.Round(g / a);
                raw[o + 2] = a == 0 ? (byte)0 : (byte)Math.Round(b / a);
                raw[o + 3] = (byte)Math.Round(a / (Samples * Samples));
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, size);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), size);
        header[8] = 8; // bit depth
        header[9] = 6; // RGBA
        Chunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                z.Write(raw);
            }

            Chunk(png, "IDAT", compressed.ToArray());
        }

        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typed = new byte[4 + data.Length];
        for (var i = 0; i < 4; i++)
        {
            typed[i] = (byte)type[i];
        }

        data.CopyTo(typed, 4);
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc(typed));
        png.Write(number);
    }

    private static uint Crc(byte[] data)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        }

        return c ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
