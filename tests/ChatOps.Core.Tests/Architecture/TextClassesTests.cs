using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ChatOps.Core.Tests.Architecture;

/// <summary>
/// Issue 11, item 2: every Chinese text a feature shows lives in its feature's <c>XxxText</c> class. Reads the product
/// source (core/, storage/, bot/) with Roslyn and finds every string, character and interpolated-string literal holding
/// CJK characters outside a type named <c>…Text</c> (or a file named <c>…Text.cs</c>, <c>…Text.Part.cs</c>); comments
/// and XML docs are trivia, not literals, so they are never counted. What may stay outside (the words a parser
/// matches, the fixed headings of generated documents, data) is allowed by file, each with its reason; a listed file
/// that no longer holds any Chinese literal fails too, so the list cannot rot.
/// </summary>
public sealed class TextClassesTests
{
    private static readonly string[] ProductFolders = ["core", "storage", "bot"];

    /// <summary>Files that may hold Chinese literals outside a text class, sorted by path, each with why.</summary>
    private static readonly (string File, string Reason)[] Allowed =
    [
        ("bot/ChatOps.Bot/Cli/ReportVerbs.cs", "usage lines: the option syntax with Chinese placeholders (--by 姓名)"),
        ("bot/ChatOps.Bot/Cli/ScheduleVerbs.cs", "usage lines: the option syntax with Chinese placeholders (--by 发送人)"),
        ("bot/ChatOps.Bot/Console/Pages/Meetings.cshtml.cs", "parser: the separators the attendees field is split on"),
        ("bot/ChatOps.Bot/Supervision/SupervisionVerbs.cs", "usage lines, and the --kind words it matches (问题, 投诉)"),
        ("bot/ChatOps.Channels.WeCom/Api/WeComCardRenderer.cs", "parser: the numerals, counters and punctuation a numbered answer is read with"),
        ("bot/ChatOps.Channels.WeCom/Api/WeComErrorAdvice.cs", "the English half of the advice (for the vendor) names a WeCom console setting (企业可信IP)"),
        ("bot/ChatOps.Channels.WeCom/Hosting/WeComDoctorCheck.cs", "the English halves of findings (for the vendor) name WeCom terms (政务微信, 可信域名)"),
        ("bot/ChatOps.Channels.WeCom/Hosting/WeComGroupKinds.cs", "parser: the group kinds' spellings in directory files"),
        ("core/ChatOps.Core/Bulletins/Bulletin.cs", "document: the 工作专报's default title"),
        ("core/ChatOps.Core/Bulletins/BulletinDocxRenderer.Styles.cs", "document: the Chinese font names of the .docx styles"),
        ("core/ChatOps.Core/Bulletins/BulletinDocxRenderer.cs", "document: the title's （期号） and the imprint's 印发 pattern"),
        ("core/ChatOps.Core/Bulletins/BulletinLayout.cs", "document: the 工作专报's fixed headings and the patterns that shape its paragraphs"),
        ("core/ChatOps.Core/Bulletins/BulletinMarkdownRenderer.cs", "document: the full-width space between 期号 and 签发人"),
        ("core/ChatOps.Core/Bulletins/ChineseNumerals.cs", "data: the Chinese numerals and the documents' item markers"),
        ("core/ChatOps.Core/Calendar/ChineseDates.cs", "data: the weekday names, and the one Chinese date format (年月日)"),
        ("core/ChatOps.Core/Calendar/HolidayEntry.cs", "parser: the office's holiday form lines; data: the make-up day's default name"),
        ("core/ChatOps.Core/Calendar/HolidayYamlParser.cs", "data: the make-up day's default name (调休上班)"),
        ("core/ChatOps.Core/Calendar/ReportCycleDefinition.cs", "data: the built-in cycles' names (周报, 季报…)"),
        ("core/ChatOps.Core/Circulars/CircularDialog.Steps.cs", "parser: the compose dialog's typed answers (好, 发送)"),
        ("core/ChatOps.Core/Circulars/CircularDialog.Targets.cs", "parser: the targets step's typed answers and separators"),
        ("core/ChatOps.Core/Circulars/CircularFeature.cs", "parser: the circulars' command words and regexes"),
        ("core/ChatOps.Core/Circulars/CircularKinds.cs", "configuration: the kinds' number templates and aliases"),
        ("core/ChatOps.Core/Circulars/CircularModel.cs", "parser: the targets' kind words of the console's one-line form"),
        ("core/ChatOps.Core/Circulars/CircularNumbering.cs", "parser: the brackets a 文号 is read with"),
        ("core/ChatOps.Core/Conversations/Prompts.cs", "parser: the yes/no words and the counters the prompts match"),
        ("core/ChatOps.Core/Conversations/Turn.cs", "parser: the engine's command words and the punctuation trimmed from them"),
        ("core/ChatOps.Core/Meetings/Attendees.cs", "parser: the attendees' kind words and separators"),
        ("core/ChatOps.Core/Meetings/MeetingFeature.cs", "parser: the meetings' command regex"),
        ("core/ChatOps.Core/Meetings/MeetingInput.cs", "parser: the date formats, phone words and separators of a meeting's fields"),
        ("core/ChatOps.Core/Meetings/MeetingModel.cs", "parser: the meeting kinds' aliases"),
        ("core/ChatOps.Core/Meetings/Recurrence.cs", "parser: the recurrence words"),
        ("core/ChatOps.Core/Operations/CalendarDoctorCheck.cs", "the English half of a finding (for the vendor) names 顺延"),
        ("core/ChatOps.Core/Organization/CsvDirectory.cs", "parser: the directory CSV's column headers, read and written back"),
        ("core/ChatOps.Core/Organization/Vocabulary.cs", "parser: the unit kinds' and roles' names and aliases, yes/no words, list separators"),
        ("core/ChatOps.Core/Organization/YamlDirectory.cs", "parser: undoes Vocabulary.Names' 、 when roles are written back to YAML"),
        ("core/ChatOps.Core/Reports/BulletinCompiler.cs", "document: the 工作专报's period label (2026年第48周, 第一季度)"),
        ("core/ChatOps.Core/Reports/BulletinFeature.cs", "parser: the 专报 command words"),
        ("core/ChatOps.Core/Reports/Overview/BulletinEditor.cs", "document: the patterns and punctuation that turn report items into 专报 sentences"),
        ("core/ChatOps.Core/Reports/ReportDialog.Answers.cs", "parser: the item-marker regex of typed answers"),
        ("core/ChatOps.Core/Reports/ReportDialog.Items.cs", "parser: the item step's typed answers and edit regex"),
        ("core/ChatOps.Core/Reports/ReportStatusQuery.cs", "parser: the period words of a status query (本周, 上周)"),
        ("core/ChatOps.Core/Reports/ReportTemplates.cs", "data: the built-in templates' field labels and prompts"),
        ("core/ChatOps.Core/Reports/ReviewFlow.cs", "parser: the review command regex and its verbs"),
        ("core/ChatOps.Core/Reports/Scheduling/PromptNowFeature.cs", "parser: the 发送提醒 / 催报 command words"),
        ("core/ChatOps.Core/Reports/Scheduling/ReportMessages.cs", "parser: the buttons' values, matched as typed commands (填报, 状态)"),
        ("core/ChatOps.Core/Supervision/ProblemFile.cs", "parser: the problem list's column headers"),
        ("core/ChatOps.Core/Supervision/SupervisionDates.cs", "parser: the date patterns"),
        ("core/ChatOps.Core/Supervision/SupervisionFeature.cs", "parser: the supervision command words and regex"),
    ];

    private static readonly Regex TextFileName = new(@"^\w+Text(\.\w+)*\.cs$", RegexOptions.CultureInvariant);

    [Fact]
    public void ChineseLiterals_OutsideTextClasses_OnlyInAllowListedFiles()
    {
        var allowed = Allowed.Select(a => a.File).ToHashSet(StringComparer.Ordinal);
        var strays = ProductSource().SelectMany(f => ChineseLiterals(f.Path, f.Tree))
            .Where(l => !allowed.Contains(l.File))
            .ToList();

        Assert.True(strays.Count == 0,
            "Chinese literals outside a text class; move each into its feature's XxxText class, or, if it is a word a " +
            "parser matches, a document heading or data, add the file to TextClassesTests.Allowed with its reason:\n" +
            string.Join('\n', strays.Select(s => $"{s.File}:{s.Line}: {s.Literal}")));
    }

    [Fact]
    public void AllowList_IsSorted_AndEveryListedFileStillHoldsChineseLiterals()
    {
        var files = Allowed.Select(a => a.File).ToList();
        Assert.Equal(files.Order(StringComparer.Ordinal), files);
        Assert.Equal(files.Count, files.Distinct(StringComparer.Ordinal).Count());
        Assert.All(Allowed, a => Assert.False(string.IsNullOrWhiteSpace(a.Reason), $"{a.File} has no reason"));

        var holding = ProductSource().SelectMany(f => ChineseLiterals(f.Path, f.Tree)).Select(l => l.File)
            .ToHashSet(StringComparer.Ordinal);
        var stale = files.Where(f => !holding.Contains(f)).ToList();

        Assert.True(stale.Count == 0,
            "Allow-listed files that hold no Chinese literal outside a text class (any more, or missing); remove them " +
            "from TextClassesTests.Allowed:\n" + string.Join('\n', stale));
    }

    private static IEnumerable<(string Path, SyntaxTree Tree)> ProductSource()
    {
        var root = RepositoryRoot();
        foreach (var folder in ProductFolders)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                if (relative.Split('/').Any(part => part is "obj" or "bin"))
                    continue;
                yield return (relative, CSharpSyntaxTree.ParseText(File.ReadAllText(file), path: relative));
            }
        }
    }

    private static IEnumerable<(string File, int Line, string Literal)> ChineseLiterals(string file, SyntaxTree tree)
    {
        if (TextFileName.IsMatch(Path.GetFileName(file)))
            yield break;
        var reported = new HashSet<TextSpan>();
        foreach (var token in tree.GetRoot().DescendantTokens())
        {
            if (!IsLiteral(token) || !token.ValueText.Any(IsChinese) || InTextClass(token))
                continue;
            // An interpolated string is reported once, whole: $"共{n}项", not its text parts one by one.
            var literal = token.Parent?.FirstAncestorOrSelf<InterpolatedStringExpressionSyntax>() ?? (SyntaxNode?)token.Parent;
            var span = literal?.Span ?? token.Span;
            if (!reported.Add(span))
                continue;
            var text = literal?.ToString() ?? token.Text;
            yield return (file, tree.GetLineSpan(span).StartLinePosition.Line + 1, text.Length > 80 ? text[..80] + "…" : text);
        }
    }

    private static bool IsLiteral(SyntaxToken token) => token.Kind() is SyntaxKind.StringLiteralToken
        or SyntaxKind.CharacterLiteralToken or SyntaxKind.InterpolatedStringTextToken
        or SyntaxKind.SingleLineRawStringLiteralToken or SyntaxKind.MultiLineRawStringLiteralToken
        or SyntaxKind.Utf8StringLiteralToken or SyntaxKind.Utf8SingleLineRawStringLiteralToken
        or SyntaxKind.Utf8MultiLineRawStringLiteralToken;

    private static bool InTextClass(SyntaxToken token) => token.Parent is { } parent && parent.AncestorsAndSelf()
        .OfType<BaseTypeDeclarationSyntax>().Any(t => t.Identifier.ValueText.EndsWith("Text", StringComparison.Ordinal));

    /// <summary>CJK ideographs (U+3400–U+4DBF, U+4E00–U+9FFF), CJK punctuation (U+3000–U+303F) and full-width forms (U+FF00–U+FFEF).</summary>
    private static bool IsChinese(char c) =>
        c is >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF' or >= '\u3000' and <= '\u303F' or >= '\uFF00' and <= '\uFFEF';

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChatOps.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"ChatOps.sln not found above {AppContext.BaseDirectory}");
    }
}
