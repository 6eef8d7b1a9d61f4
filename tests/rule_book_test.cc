// The rule engine: validation errors with file:line, user rules overriding and adding, new types.
#include "pipeline/rules/rule_book.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>

#include "pipeline/core/pipeline.h"
#include "pipeline/rules/example_check.h"
#include "pipeline/rules/prefilter.h"
#include "tests/test_util.h"

namespace policygraph {
namespace {

using testing::TempDir;
using testing::WriteFile;

// Loads the defaults plus one user file with `content`; returns the error text ("" when OK).
std::string UserFileErrors(const std::string& content) {
  auto book = RuleBook::FromSources(RuleBook::DefaultSources(), {{"user/extra.yaml", content, false}});
  return book.ok() ? "" : book.status().message();
}

TEST(RuleBookTest, DefaultsLoad) {
  auto book = RuleBook::Load({});
  ASSERT_TRUE(book.ok()) << book.status().message();
  EXPECT_FALSE(book->rules().empty());
  EXPECT_FALSE(book->fingerprint().empty());
}

// A run loads the embedded defaults from the build's snapshot, lazily, without the checks that need
// compiled patterns: this test makes them, and checks the snapshot gives the book the YAML gives.
TEST(RuleBookTest, DefaultRulesValidate) {
  auto book = RuleBook::FromSources(RuleBook::DefaultSources(), {}, /*validate_all=*/true);
  ASSERT_TRUE(book.ok()) << book.status().message();
  auto lazy = RuleBook::Load({});
  ASSERT_TRUE(lazy.ok()) << lazy.status().message();
  EXPECT_EQ(book->fingerprint(), lazy->fingerprint());
  ASSERT_EQ(book->rules().size(), lazy->rules().size());
  for (size_t i = 0; i < book->rules().size(); ++i) {
    const CompiledRule& a = book->rules()[i];
    const CompiledRule& b = lazy->rules()[i];
    EXPECT_TRUE(b.re().ok()) << b.rule.id;
    EXPECT_EQ(a.rule.id, b.rule.id);
    EXPECT_EQ(a.rule.where.ToString(), b.rule.where.ToString());
    EXPECT_EQ(a.rule.examples.size(), b.rule.examples.size()) << a.rule.id;
    EXPECT_EQ(a.rule.negatives, b.rule.negatives) << a.rule.id;
    EXPECT_EQ(a.rule.group_lexicon, b.rule.group_lexicon) << a.rule.id;
    EXPECT_EQ(a.re().pattern(), b.re().pattern()) << a.rule.id;
    EXPECT_EQ(a.mention_group(), b.mention_group()) << a.rule.id;
    EXPECT_EQ(a.submatch() == nullptr, b.submatch() == nullptr) << a.rule.id;
  }
}

TEST(RuleBookTest, EachValidationErrorNamesFileLineAndRule) {
  struct Case {
    std::string name, content, want;
  };
  const std::vector<Case> cases = {
      {"yaml syntax", "stage: x\ntype: T\nrules:\n  - id: a\n    pattern: [unclosed\n",
       "user/extra.yaml:6: YAML syntax error"},
      {"unknown rule key", "stage: x\ntype: T\nrules:\n  - id: x.a\n    pattern: 'a'\n    colour: red\n",
       "user/extra.yaml:6: rule x.a: unknown key 'colour' in rule"},
      {"unknown file key", "stage: x\ntype: T\nflavour: 1\nrules: []\n", "user/extra.yaml:3: unknown key 'flavour'"},
      {"duplicate id", "stage: x\ntype: T\nrules:\n  - id: x.a\n    pattern: 'a'\n  - id: x.a\n    pattern: 'b'\n",
       "user/extra.yaml:6: rule x.a: duplicate rule id (first defined at user/extra.yaml:4)"},
      {"unknown macro", "stage: x\ntype: T\nrules:\n  - id: x.a\n    pattern: '{nosuch} a'\n",
       "user/extra.yaml:4: rule x.a: unknown macro or lexicon {nosuch}"},
      {"re2 error", "stage: x\ntype: T\nrules:\n  - id: x.a\n    pattern: 'a(b'\n",
       "user/extra.yaml:4: rule x.a: bad pattern: missing ): a(b"},
      {"perl lookbehind", "stage: x\ntype: T\nrules:\n  - id: x.a\n    pattern: '(?<=a)b'\n",
       "user/extra.yaml:4: rule x.a: bad pattern: invalid perl operator: (?<"},
      {"normalizer group", "stage: x\ntype: T\nrules:\n  - id: x.a\n    pattern: 'a'\n    normalize: lexicon\n",
       "user/extra.yaml:4: rule x.a: normalizer 'lexicon' reads group 'name', which the pattern lacks"},
      {"unknown normalizer", "stage: x\ntype: T\nrules:\n  - id: x.a\n    pattern: 'a'\n    normalize: magic\n",
       "user/extra.yaml:4: rule x.a: unknown normalizer 'magic' (valid: text, lexicon"},
      {"missing pattern", "stage: x\ntype: T\nrules:\n  - id: x.a\n", "user/extra.yaml:4: rule x.a: missing 'pattern'"},
      {"missing type", "stage: x\nrules:\n  - id: x.a\n    pattern: 'a'\n", "user/extra.yaml:3: rule x.a: no 'type'"},
      {"empty match", "stage: x\ntype: T\nrules:\n  - id: x.e\n    pattern: '(?:The\\s+)?(?P<mention>(?:Acme)?)'\n",
       "user/extra.yaml:4: rule x.e: the pattern matches the empty string"},
      {"bad lexicon file", "stage: x\ntype: T\nlexicons:\n  things: {file: nosuch.tsv}\nrules: []\n",
       "user/extra.yaml:4: lexicon 'things': cannot read file 'user/nosuch.tsv'"},
  };
  for (const Case& c : cases) {
    std::string errors = UserFileErrors(c.content);
    EXPECT_NE(errors.find(c.want), std::string::npos) << c.name << ": got\n" << errors;
  }
}

TEST(RuleBookTest, AllErrorsAreCollected) {
  std::string errors = UserFileErrors(
      "stage: x\ntype: T\nrules:\n  - id: x.a\n    pattern: 'a(b'\n  - id: x.b\n    pattern: '{nosuch}'\n");
  EXPECT_NE(errors.find("rule x.a"), std::string::npos);
  EXPECT_NE(errors.find("rule x.b"), std::string::npos);
}

TEST(RuleBookTest, BrokenUserDirectoryFailsLoad) {
  TempDir dir;
  WriteFile(dir / "bad.yaml", "stage: x\ntype: T\nrules:\n  - id: x.a\n    pattern: 'a(b'\n");
  auto book = RuleBook::Load({dir.path()});
  ASSERT_FALSE(book.ok());
  EXPECT_NE(book.status().message().find(dir / "bad.yaml" + ":4: rule x.a: bad pattern"), std::string::npos)
      << book.status().message();
  auto missing = RuleBook::Load({dir / "nope"});
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("not a readable directory"), std::string::npos);
}

TEST(RuleBookTest, UserRuleReplacesDefaultWithSameId) {
  // percent.number_sign normally reads "80 %" as 80; the user's version tags it with a constant.
  auto book = RuleBook::FromSources(
      RuleBook::DefaultSources(),
      {{"user/override.yaml",
        "stage: percent\ntype: PERCENT\nrules:\n  - id: percent.number_sign\n    pattern: '(?P<number>\\d+)\\s?%'\n"
        "    normalize: percent\n    attrs: {source: user}\n",
        false}});
  ASSERT_TRUE(book.ok()) << book.status().message();
  int count = 0;
  for (const CompiledRule& r : book->rules()) {
    if (r.rule.id == "percent.number_sign") {
      ++count;
      EXPECT_EQ(r.rule.where.file, "user/override.yaml");
    }
  }
  EXPECT_EQ(count, 1);
  auto pipeline = Pipeline::Build(Pipeline::DefaultStages(*book), *book);
  ASSERT_TRUE(pipeline.ok());
  Document doc;
  doc.text = "reach 80 % of output";
  Annotations ann;
  ASSERT_TRUE(pipeline->Process(doc, ann).ok());
  ASSERT_EQ(ann.mentions.size(), 1u);
  EXPECT_EQ(ann.mentions[0].attrs["source"], "user");
}

TEST(RuleBookTest, UserLexiconReplacesDefaultOfTheSameName) {
  const std::string user = "stage: relations\ntype: RELATION\nlexicons:\n  reference_pronouns: {ORG: [it]}\nrules: []\n";
  auto book = RuleBook::FromSources(RuleBook::DefaultSources(), {{"user/lex.yaml", user, false}});
  ASSERT_TRUE(book.ok()) << book.status().message();
  const Lexicon* lex = book->FindLexicon("reference_pronouns");
  ASSERT_NE(lex, nullptr);
  EXPECT_EQ(lex->where.file, "user/lex.yaml");
  ASSERT_EQ(lex->entries.size(), 1u);
  EXPECT_EQ(lex->entries[0].canonical, "ORG");
}

TEST(RuleBookTest, UserFileAddsNewTypeAndStage) {
  TempDir dir;
  WriteFile(dir / "laws.yaml", R"(stage: laws
type: LAW
lexicons:
  law_names: {file: laws.tsv}
rules:
  - id: laws.public_law
    pattern: '\bPub(?:lic)?\.?\s?L(?:aw)?\.?\s?(?P<value>\d{2,3}-\d{1,4})\b'
    normalize: text
    examples:
      - text: 'as amended by Pub. L. 115-97, the tax law'
        expect: [{text: 'Pub. L. 115-97', value: '115-97'}]
    negatives: ['public lands']
  - id: laws.named
    pattern: '(?P<name>{law_names})'
    normalize: lexicon
    examples:
      - text: 'the WSA changed rates'
        expect: [{text: 'WSA', value: 'Widget Safety Act'}]
)");
  WriteFile(dir / "laws.tsv", "value\taliases\tcongress\nWidget Safety Act\tWSA\t115\n");
  auto book = RuleBook::Load({dir.path()});
  ASSERT_TRUE(book.ok()) << book.status().message();
  auto names = Pipeline::DefaultStages(*book);
  ASSERT_NE(std::find(names.begin(), names.end(), "laws"), names.end());
  // User stages run after the built-in extractors and before resolve.
  EXPECT_LT(std::find(names.begin(), names.end(), "laws"), std::find(names.begin(), names.end(), "resolve"));
  auto pipeline = Pipeline::Build(names, *book);
  ASSERT_TRUE(pipeline.ok()) << pipeline.status().message();
  auto report = CheckExamples(*book, *pipeline, "laws.");
  EXPECT_EQ(report.examples, 3u);
  for (const auto& f : report.failures) ADD_FAILURE() << f.ToString();
  Document doc;
  doc.text = "Under Pub. L. 115-97 (the WSA), rates fell.";
  Annotations ann;
  ASSERT_TRUE(pipeline->Process(doc, ann).ok());
  int laws = 0;
  for (const Mention& m : ann.mentions) {
    if (m.type != "LAW") continue;
    ++laws;
    if (m.rule == "laws.named") {
      EXPECT_EQ(m.attrs["congress"], "115");
    }
  }
  EXPECT_EQ(laws, 2);
}

TEST(RuleBookTest, ExampleFailuresSayNoMatchWrongValueOrNegative) {
  auto check = [](const std::string& rules) {
    auto book = RuleBook::FromSources(RuleBook::DefaultSources(), {{"user/t.yaml", rules, false}});
    EXPECT_TRUE(book.ok()) << book.status().message();
    auto pipeline = Pipeline::Build(Pipeline::DefaultStages(*book), *book);
    return CheckExamples(*book, *pipeline, "t.");
  };
  auto no_match = check("stage: t\ntype: T\nrules:\n  - id: t.a\n    pattern: 'zzz'\n    examples: ['abc']\n");
  ASSERT_EQ(no_match.failures.size(), 1u);
  EXPECT_NE(no_match.failures[0].message.find("no match"), std::string::npos);
  EXPECT_EQ(no_match.failures[0].where, "user/t.yaml:6");
  auto wrong_value = check(
      "stage: t\ntype: T\nrules:\n  - id: t.a\n    pattern: 'abc'\n    value: 1\n    normalize: constant\n"
      "    examples: [{text: 'x abc', expect: [{text: 'abc', value: 2}]}]\n");
  ASSERT_EQ(wrong_value.failures.size(), 1u);
  EXPECT_EQ(wrong_value.failures[0].message.substr(0, 23), "value: got 1, want 2 (r");
  auto negative = check("stage: t\ntype: T\nrules:\n  - id: t.a\n    pattern: 'abc'\n    negatives: ['xabcx']\n");
  ASSERT_EQ(negative.failures.size(), 1u);
  EXPECT_NE(negative.failures[0].message.find("negative example matched"), std::string::npos);
  // A positive example states everything its rule finds in it.
  auto extra = check("stage: t\ntype: T\nrules:\n  - id: t.a\n    pattern: 'ab+c'\n"
                     "    examples: [{text: 'abc or abbc', expect: ['abc']}]\n");
  ASSERT_EQ(extra.failures.size(), 1u);
  EXPECT_NE(extra.failures[0].message.find("also finds what the example does not expect: T 'abbc'"), std::string::npos)
      << extra.failures[0].message;
  // A negative with `not:` forbids only the texts it lists.
  const std::string listed = "stage: t\ntype: T\nrules:\n  - id: t.a\n    pattern: 'ab+c'\n    negatives:\n";
  EXPECT_TRUE(check(listed + "      - {text: 'abc abbc', not: [bc]}\n").failures.empty());
  auto listed_found = check(listed + "      - {text: 'abc abbc', not: [abbc]}\n");
  ASSERT_EQ(listed_found.failures.size(), 1u);
  EXPECT_EQ(listed_found.failures[0].where, "user/t.yaml:7");
}

TEST(RuleBookTest, OverlappingMentionsOfOneTypeAreAmbiguous) {
  auto book = RuleBook::FromSources(
      RuleBook::DefaultSources(),
      {{"user/t.yaml",
        "stage: t\ntype: T\nrules:\n  - id: t.a\n    pattern: 'abc'\n    examples: [{text: 'abc d', expect: ['abc']}]\n",
        false},
       {"user/u.yaml", "stage: u\ntype: T\nrules:\n  - id: u.a\n    pattern: 'abc d'\n    examples: ['abc d']\n",
        false}});
  ASSERT_TRUE(book.ok()) << book.status().message();
  // Without `resolve`, mentions of two stages can overlap: the example of t.a is then ambiguous.
  auto pipeline = Pipeline::Build({"normalize", "sentences", "t", "u"}, *book);
  ASSERT_TRUE(pipeline.ok());
  auto report = CheckExamples(*book, *pipeline, "t.");
  ASSERT_EQ(report.failures.size(), 1u);
  EXPECT_EQ(report.failures[0].message.substr(0, 44), "ambiguous: 2 T mentions overlap 'abc': T 'ab");
}

// A set's patterns count no repetitions; everything else is kept as written.
TEST(PrefilterTest, OpenRepetitionsOpensOnlyBoundedCounts) {
  EXPECT_EQ(OpenRepetitions(R"([^.;]{0,40}?\bby)"), R"([^.;]{0,}?\bby)");
  EXPECT_EQ(OpenRepetitions(R"(\d{1,3}(?:,\d{3})+)"), R"(\d{1,}(?:,\d{3})+)");
  EXPECT_EQ(OpenRepetitions(R"(x{2,})"), R"(x{2,})");
  EXPECT_EQ(OpenRepetitions(R"(\{1,2\}[{1,2}]\x{10FFFF}\p{Han}[\]{1,2}])"), R"(\{1,2\}[{1,2}]\x{10FFFF}\p{Han}[\]{1,2}])");
  EXPECT_EQ(OpenRepetitions(R"([]{1,2}]{1,2})"), R"([]{1,2}]{1,})");
  EXPECT_EQ(OpenRepetitions(R"([[:alpha:]{1,2}]a{3,5})"), R"([[:alpha:]{1,2}]a{3,})");
  // The opened pattern accepts what the original accepts.
  const RE2 exact(R"(a[^.]{0,3}b)"), open(OpenRepetitions(R"(a[^.]{0,3}b)"));
  for (const char* text : {"ab", "axxxb", "axxxxb"}) {
    if (RE2::FullMatch(text, exact)) {
      EXPECT_TRUE(RE2::FullMatch(text, open)) << text;
    }
  }
  EXPECT_TRUE(RE2::FullMatch("axxxxb", open));
}

// With a width, only repetitions at least that wide are opened.
TEST(PrefilterTest, OpenRepetitionsWithWidthKeepsNarrowCounts) {
  EXPECT_EQ(OpenRepetitions(R"(a{1,3}[^;]{0,120}?b{2,10})", 8), R"(a{1,3}[^;]{0,}?b{2,})");
  EXPECT_EQ(OpenRepetitions(R"(a{1,3})", 8), R"(a{1,3})");
}

// The rule `id` of `book`, or null.
const CompiledRule* RuleById(const RuleBook& book, std::string_view id) {
  for (const CompiledRule& r : book.rules()) {
    if (r.rule.id == id) return &r;
  }
  return nullptr;
}

// An expected value that is a number too large for an integer stays a double (found by fuzz_rules:
// it was converted to an integer first, undefined behaviour); a whole number in range is an integer.
TEST(RuleBookTest, ExpectedValuesOutOfIntegerRangeStayDoubles) {
  const std::string rules =
      "stage: t\ntype: T\nrules:\n  - id: t.big\n    normalize: text\n    pattern: 'x'\n"
      "    examples:\n      - text: 'x'\n        expect: [{text: x, value: 2.22222e+61}]\n"
      "      - text: 'x x'\n        expect: [{text: x, value: 3.0e2}]\n";
  auto book = RuleBook::FromSources(RuleBook::DefaultSources(), {{"user/t.yaml", rules, false}});
  ASSERT_TRUE(book.ok()) << book.status().message();
  const CompiledRule* rule = RuleById(*book, "t.big");
  ASSERT_NE(rule, nullptr);
  ASSERT_EQ(rule->rule.examples.size(), 2u);
  const Json& big = rule->rule.examples[0].expect.at(0).value;
  EXPECT_TRUE(big.is_number_float());
  EXPECT_DOUBLE_EQ(big.get<double>(), 2.22222e61);
  EXPECT_EQ(rule->rule.examples[1].expect.at(0).value, Json(300));
  EXPECT_TRUE(rule->rule.examples[1].expect.at(0).value.is_number_integer());
}

// Only the branches on the way to the group are kept; inside the group, and off the way, nothing
// changes.
TEST(PrefilterTest, BranchesOfGroupKeepsTheWayToTheGroup) {
  EXPECT_EQ(BranchesOfGroup(R"(\b(?:no|(?P<mention>yes))x)", "mention"), R"(\b(?:(?P<mention>yes))x)");
  EXPECT_EQ(BranchesOfGroup(R"(skip|(?P<mention>a|b)c)", "mention"), R"((?P<mention>a|b)c)");
  EXPECT_EQ(BranchesOfGroup(R"(L(?:A|B(?:C|(?P<mention>D))|E)(?:F|G)+)", "mention"), R"(L(?:B(?:(?P<mention>D)))(?:F|G)+)");
  EXPECT_EQ(BranchesOfGroup(R"((?:a|(?<mention>b))?)", "mention"), R"((?:(?<mention>b))?)");
  // Escapes, classes and quoted text hold no branch.
  EXPECT_EQ(BranchesOfGroup(R"((?:\(|[|(]|\Q|(\E|\x{7C}|(?P<mention>\|)))", "mention"), R"((?:(?P<mention>\|)))");
  // A branch that sets flags for those after it stays.
  EXPECT_EQ(BranchesOfGroup(R"((?:z|(?i)x|(?P<mention>y)))", "mention"), R"((?:(?i)x|(?P<mention>y)))");
  // Nothing to drop, no such group, or a pattern that does not compile: no filter.
  EXPECT_EQ(BranchesOfGroup(R"(a(?P<mention>b|c)(?:d|e))", "mention"), "");
  EXPECT_EQ(BranchesOfGroup(R"(a|(?P<name>b))", "mention"), "");
  EXPECT_EQ(BranchesOfGroup(R"(a)|(?P<mention>b))", "mention"), "");
}

// A rule whose other branches consume text ("the Akron Office" is no town) gets a mention filter:
// a sentence where only they match is skipped, one where the group's branch matches is not.
TEST(RuleBookTest, MentionFilterSkipsSentencesOnlyTheOtherBranchesMatch) {
  const std::string rules =
      "stage: t\ntype: GPE\nrules:\n  - id: t.town\n    normalize: text\n"
      "    pattern: '\\b(?:the\\s+[A-Z][a-z]+\\s+Office|(?P<mention>[A-Z][a-z]+),\\s+Ohio)'\n";
  auto book = RuleBook::FromSources(RuleBook::DefaultSources(), {{"user/t.yaml", rules, false}});
  ASSERT_TRUE(book.ok()) << book.status().message();
  const CompiledRule* rule = RuleById(*book, "t.town");
  ASSERT_NE(rule, nullptr);
  const RE2* filter = rule->pattern->mention_filter();
  ASSERT_NE(filter, nullptr);
  EXPECT_FALSE(RE2::PartialMatch("the Akron Office reported", *filter));
  EXPECT_TRUE(RE2::PartialMatch("the Akron Office and Dayton, Ohio", *filter));
  // "the Akron Office, Ohio": the filter matches ("Office, Ohio"), the rule consumes it as no town.
  EXPECT_TRUE(RE2::PartialMatch("the Akron Office, Ohio", *filter));
}

// A rule with a wide repetition finds its groups through the opened twin: the same matches and
// groups as its own pattern, and the count still bounds the match.
TEST(RuleBookTest, FindNextWithOpenedTwinAgreesWithThePattern) {
  const std::string rules =
      "stage: t\ntype: T\nrules:\n  - id: t.gap\n"
      "    pattern: '\\b(?P<a>[A-Z][a-z]+)[^;]{0,20}?\\b(?P<b>by|via)\\s+(?P<c>[A-Z][a-z]+)'\n";
  auto book = RuleBook::FromSources(RuleBook::DefaultSources(), {{"user/t.yaml", rules, false}});
  ASSERT_TRUE(book.ok()) << book.status().message();
  const CompiledRule* rule = RuleById(*book, "t.gap");
  ASSERT_NE(rule, nullptr);
  ASSERT_NE(rule->submatch(), nullptr);
  for (const char* raw : {"Alpha was paid by Beta; Gamma went via Delta.",
                          "Alpha xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx by Beta.", "no match here"}) {
    const std::string text(raw);
    const int n = rule->re().NumberOfCapturingGroups() + 1;
    std::vector<re2::StringPiece> want(n), got(n);
    size_t pos = 0;
    while (true) {
      const bool a = rule->re().Match(text, pos, text.size(), RE2::UNANCHORED, want.data(), n);
      const bool b = FindNext(*rule, text, pos, got.data(), n);
      ASSERT_EQ(a, b) << text;
      if (!a) break;
      for (int g = 0; g < n; ++g) {
        EXPECT_EQ(want[g].data(), got[g].data()) << text << " group " << g;
        EXPECT_EQ(want[g].size(), got[g].size()) << text << " group " << g;
      }
      pos = static_cast<size_t>(want[0].data() - text.data()) + want[0].size();
    }
  }
}

// ---- Hostile or wrongly shaped rule files: a file:line error at load, never a crash or a hang ----

// `text` repeated `n` times.
std::string Repeat(const std::string& text, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += text;
  return out;
}

// One rule file per case: each must fail to load with `want` in its errors. Loaded alone (without
// the defaults, whose compiling is most of a load) it must fail within a second.
struct HostileCase {
  std::string name, content, want;
};

void ExpectLoadErrors(const std::vector<HostileCase>& cases) {
  for (const HostileCase& c : cases) {
    const std::string errors = UserFileErrors(c.content);
    EXPECT_NE(errors.find(c.want), std::string::npos) << c.name << ": got\n" << errors;
    const auto start = std::chrono::steady_clock::now();
    EXPECT_FALSE(RuleBook::FromSources({}, {{"user/extra.yaml", c.content, false}}).ok()) << c.name;
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 1.0) << c.name;
  }
}

const std::string kHead = "stage: x\ntype: T\n";
const std::string kRule = kHead + "rules:\n  - id: x.a\n    pattern: 'a'\n";  // the rule is on line 4

TEST(RuleBookTest, WrongShapesAreFileLineErrors) {
  ExpectLoadErrors({
      {"rule is a string", kHead + "rules: [\"just a string\"]\n", "user/extra.yaml:3: a rule is a map"},
      {"rule is a list", kHead + "rules:\n  - [a, b]\n", "user/extra.yaml:4: a rule is a map"},
      {"macros list", kHead + "macros: [a, b]\nrules: []\n", "user/extra.yaml:3: 'macros' must be a map"},
      {"macro body map", kHead + "macros:\n  m: {a: b}\nrules: []\n", "user/extra.yaml:4: 'macro m' must be a string"},
      {"lexicons list", kHead + "lexicons: [a, b]\nrules: []\n", "user/extra.yaml:3: 'lexicons' must be a map"},
      {"lexicon entry map", kHead + "lexicons:\n  things:\n    a: {b: c}\nrules: []\n",
       "user/extra.yaml:5: lexicon 'things': 'a' must be a surface form or a list of them"},
      {"lexicon file list", kHead + "lexicons:\n  things: {file: [a]}\nrules: []\n",
       "user/extra.yaml:4: 'file' must be a string"},
      {"stage map", "stage: {a: b}\ntype: T\nrules: []\n", "user/extra.yaml:1: 'stage' must be a string"},
      {"complex key", kRule + "    ? [a, b]\n    : c\n", "user/extra.yaml:6: a key must be a plain string"},
      {"complex key at top", kHead + "? {a: b}\n: c\n", "user/extra.yaml:3: a key must be a plain string"},
      {"pattern list", kHead + "rules:\n  - id: x.a\n    pattern: [a]\n",
       "user/extra.yaml:5: rule x.a: 'pattern' must be a string"},
      {"examples map", kRule + "    examples: {text: x}\n", "user/extra.yaml:6: rule x.a: 'examples' must be a list"},
      {"example list", kRule + "    examples:\n      - [a]\n",
       "user/extra.yaml:7: rule x.a: an example is a string or a map"},
      {"expect nested list", kRule + "    examples:\n      - text: a\n        expect: [[1, 2]]\n",
       "user/extra.yaml:8: rule x.a: an expected mention is a string or a map"},
      {"expect attrs scalar", kRule + "    examples:\n      - text: a\n        expect: {text: a, attrs: 5}\n",
       "user/extra.yaml:8: rule x.a: 'attrs' must be a map"},
      {"negatives scalar", kRule + "    negatives: b\n", "user/extra.yaml:6: rule x.a: 'negatives' must be a list"},
      {"negative list", kRule + "    negatives:\n      - [a]\n",
       "user/extra.yaml:7: rule x.a: 'negatives' must be a string or a map {text, not}"},
      {"negative unknown key", kRule + "    negatives:\n      - {a: b}\n",
       "user/extra.yaml:7: rule x.a: unknown key 'a' in negative"},
      {"negative not elsewhere", kRule + "    negatives:\n      - {text: abc, not: [xyz]}\n",
       "user/extra.yaml:7: rule x.a: 'xyz' does not occur in the negative's text"},
      {"empty expect", kRule + "    examples:\n      - text: a\n        expect: []\n",
       "user/extra.yaml:7: rule x.a: an example that expects nothing asserts nothing"},
      {"attrs scalar", kRule + "    attrs: 5\n", "user/extra.yaml:6: rule x.a: 'attrs' must be a map"},
      {"params list", kRule + "    params: [a]\n", "user/extra.yaml:6: rule x.a: 'params' must be a map"},
      {"also group list", kRule + "    also: [{group: [a]}]\n",
       "user/extra.yaml:6: rule x.a: 'group' must be a string"},
  });
}

TEST(RuleBookTest, WronglyTypedParamsAreLoadErrors) {
  ExpectLoadErrors({
      {"bool", kRule + "    params: {count_guard: yes}\n",
       "user/extra.yaml:6: rule x.a: param 'count_guard' must be true or false"},
      {"int", kRule + "    params: {exponent: 1.5}\n", "rule x.a: param 'exponent' must be an integer within ±1000"},
      {"int range", kRule + "    params: {n: 100000000000}\n", "rule x.a: param 'n' must be an integer within ±1000"},
      {"string", kRule + "    params: {currency: [USD]}\n", "rule x.a: param 'currency' must be a string"},
      {"string list", kRule + "    params: {heads: Act}\n", "rule x.a: param 'heads' must be a list of strings"},
      {"regex", kRule + "    params: {not_after: 'a(b'}\n", "rule x.a: param 'not_after' bad regex: missing )"},
      {"unknown", kRule + "    params: {count_gaurd: true}\n",
       "user/extra.yaml:6: rule x.a: unknown param 'count_gaurd' (valid: allow_one"},
      {"relation subject", kHead + "rules:\n  - id: x.r\n    normalize: relation\n    relation: R\n"
                                   "    pattern: '(?P<object>a)'\n    params: {subject: [a]}\n",
       "user/extra.yaml:8: rule x.r: param 'subject' must be DOCUMENT or a frame slot"},
  });
}

TEST(RuleBookTest, ResourceBombsStopAtTheirCaps) {
  // Ten references per level, nine levels: 10^9 nodes once expanded.
  std::string bomb = "      l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= 9; ++i) {
    const std::string prev = "*l" + std::to_string(i - 1);
    bomb += "      l" + std::to_string(i) + ": &l" + std::to_string(i) + " [" + prev;
    for (int j = 1; j < 10; ++j) bomb += ", " + prev;
    bomb += "]\n";
  }
  // Fifteen macro levels of ten references each: 10^15 copies of "a".
  std::string macros = "macros:\n  m0: 'a'\n";
  for (int i = 1; i <= 15; ++i) {
    macros += "  m" + std::to_string(i) + ": '" + Repeat("{m" + std::to_string(i - 1) + "}", 10) + "'\n";
  }
  ExpectLoadErrors({
      {"alias bomb in attrs", kRule + "    attrs:\n" + bomb, "YAML nodes once aliases are expanded (an alias bomb?)"},
      {"alias bomb in params", kRule + "    params:\n" + bomb, "YAML nodes once aliases are expanded (an alias bomb?)"},
      {"alias in itself", kRule + "    attrs: &a {x: *a}\n", "levels once aliases are expanded"},
      {"macro bomb", kHead + macros + "rules:\n  - id: x.m\n    pattern: '{m15}'\n",
       "rule x.m: the pattern is longer than 1024 KiB once its macros and lexicons are expanded"},
      {"lexicon from a device", kHead + "lexicons:\n  x: {file: /dev/zero}\nrules: []\n",
       "user/extra.yaml:4: lexicon 'x': cannot read file '/dev/zero': not a regular file"},
  });
}

TEST(RuleBookTest, ExpandedPatternsHaveATotalCap) {
  // m5 expands to 1,011,108 bytes, under the cap per pattern; 300 rules using it pass the total.
  std::string content = kHead + "macros:\n  m0: 'aaaaaaaaaa'\n";
  for (int i = 1; i <= 5; ++i) {
    content += "  m" + std::to_string(i) + ": '" + Repeat("{m" + std::to_string(i - 1) + "}", i < 5 ? 10 : 7) + "'\n";
  }
  content += "rules:\n";
  for (int i = 0; i < 300; ++i) content += "  - {id: x.r" + std::to_string(i) + ", pattern: '{m5}'}\n";
  const std::string errors = UserFileErrors(content);
  EXPECT_NE(errors.find("the rules' expanded patterns exceed 256 MiB in all at this rule"), std::string::npos)
      << errors;
}

TEST(RuleBookTest, LexiconFilesAreRegularAndBounded) {
  TempDir dir;
  WriteFile(dir / "big.tsv", "value\taliases\n");
  std::filesystem::resize_file(dir / "big.tsv", kMaxRuleFileBytes + 1);  // sparse: no real write
  ASSERT_EQ(::mkfifo((dir / "fifo.tsv").c_str(), 0600), 0);
  const std::string rules =
      "stage: x\ntype: T\nlexicons:\n  big: {file: big.tsv}\n  fifo: {file: fifo.tsv}\nrules: []\n";
  auto book = RuleBook::FromSources(RuleBook::DefaultSources(), {{dir / "x.yaml", rules, false}});
  ASSERT_FALSE(book.ok());
  const std::string& errors = book.status().message();
  const std::string d = dir.path();
  EXPECT_NE(errors.find(d + "/x.yaml:4: lexicon 'big': cannot read file '" + d + "/big.tsv': larger than 64 MiB"),
            std::string::npos) << errors;
  EXPECT_NE(errors.find(d + "/x.yaml:5: lexicon 'fifo': cannot read file '" + d + "/fifo.tsv': not a regular file"),
            std::string::npos) << errors;
}

TEST(RuleBookTest, UnterminatedQuoteIsALoadError) {
  // yaml-cpp reads the pattern as "a - id: x.b pattern: b" and loads one rule that never matches.
  ExpectLoadErrors({
      {"runaway quote", kHead + "rules:\n  - id: x.a\n    pattern: 'a\n  - id: x.b\n    pattern: b'\n",
       "user/extra.yaml:5: the quoted value of 'pattern' runs on into line 6, indented no deeper than its key"},
  });
  // A quoted string continued on lines indented deeper than its key is fine.
  EXPECT_EQ(UserFileErrors(kHead + "rules:\n  - id: x.a\n    pattern: 'a\n      b'\n"), "");
}

}  // namespace
}  // namespace policygraph
