// RuleBook: every rule the pipeline runs, loaded from the default rule files compiled into the
// binary plus any user directories (`--rules DIR`), validated up front (the defaults by the test
// suite) and compiled on first use.
//
//   StatusOr<RuleBook> book = RuleBook::Load({"my-rules/"});
//   if (!book.ok()) { /* book.status().message(): one `file:line: rule ID: message` per line */ }
//
// A user rule whose id equals a default rule's id replaces it; a user file whose `stage` names no
// built-in stage defines a new rule-only stage. Thread-safe after construction (read-only).
#ifndef POLICYGRAPH_PIPELINE_RULES_RULE_BOOK_H_
#define POLICYGRAPH_PIPELINE_RULES_RULE_BOOK_H_

#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "pipeline/rules/rule.h"
#include "pipeline/core/status.h"

namespace policygraph {

// Limits on what rule files may ask of the loader (README "Limits"): past one, loading fails with a
// `file:line` error instead of a crash, a hang or gigabytes of memory.
// A rule file or TSV lexicon: a regular file of at most this many bytes (read with a bounded read).
inline constexpr size_t kMaxRuleFileBytes = size_t{64} << 20;
// Nodes and nesting levels of one rule file, counted with YAML aliases expanded (an alias bomb, or
// an alias inside the node it names, stops here).
inline constexpr long kMaxYamlNodes = 1'000'000;
inline constexpr int kMaxYamlDepth = 64;
// A rule's pattern after {macro} and {lexicon} expansion (a rule that is one lexicon group, matched
// by the lexicon's trie, is exempt).
inline constexpr size_t kMaxPatternBytes = size_t{1} << 20;
// All rules' expanded patterns together (lexicon rules included).
inline constexpr size_t kMaxTotalPatternBytes = size_t{256} << 20;
// Integer rule params lie within ±this.
inline constexpr int kMaxParamInt = 1000;

// A rule file's text and where it came from. `dir` is where TSV lexicons named by the file are
// looked up (a directory on disk, or the embedded directory when `embedded`).
struct RuleSource {
  std::string path;
  std::string content;
  bool embedded = false;
};

// Parses the TSV lexicon `content` (of file `path`) into `lex.entries`. Returns the errors, one
// `path:line: message` per line ("" when none).
std::string ParseLexiconTsv(const std::string& path, const std::string& content, Lexicon& lex);
// Reads a rule file or TSV lexicon from disk as the loader does: a regular file of at most
// kMaxRuleFileBytes of UTF-8. Returns "" or the problem.
std::string ReadRuleFile(const std::string& path, std::string* content);

// Capture index of `re`'s `mention` group, 0 when it has none (the whole match counts).
int MentionGroup(const RE2& re);

// A rule's pattern, compiled on first use. The embedded default rules are validated by the test
// suite (RuleBookTest.DefaultRulesValidate), so a run compiles only the patterns its documents
// need, when they first need them; a user's rules are compiled and validated at load. Thread-safe.
class RulePattern {
 public:
  explicit RulePattern(std::string pattern) : pattern_(std::move(pattern)) {}
  // The compiled pattern (check ok() when the book was loaded lazily).
  const RE2& re() const {
    CompileMain();
    return *re_;
  }
  // `re` with its wide bounded repetitions opened ("[^;]{0,120}?" -> "[^;]{0,}?"), or null when it
  // has none. It finds the groups inside a match `re` found: RE2's submatch engines grow with the
  // count, its DFA does not.
  const RE2* submatch() const {
    CompileSubmatch();
    return submatch_.get();
  }
  // The pattern without the branches that cannot hold the `mention` group (BranchesOfGroup, its
  // repetitions opened), or null when it has none: a sentence it does not match gives no mention,
  // however often the other branches match there.
  const RE2* mention_filter() const {
    CompileMentionFilter();
    return mention_filter_.get();
  }
  // Capture index of the `mention` group, 0 when the whole match counts.
  int mention_group() const {
    CompileMain();
    return mention_group_;
  }
  // Compiles both now.
  void Compile() const {
    CompileMain();
    CompileSubmatch();
  }
  const std::string& pattern() const { return pattern_; }

 private:
  void CompileMain() const;
  void CompileSubmatch() const;
  void CompileMentionFilter() const;

  std::string pattern_;
  mutable std::once_flag main_once_, submatch_once_, mention_filter_once_;
  mutable std::unique_ptr<RE2> re_, submatch_, mention_filter_;
  mutable int mention_group_ = 0;
};

struct CompiledRule {
  Rule rule;
  // The pattern. For a lexicon rule (below) it keeps only the group: the lexicon's trie finds the
  // matches, and compiling thousands of alternatives that are never run cost most of loading.
  std::unique_ptr<RulePattern> pattern;
  // Set when the whole pattern is one lexicon group, `(?P<group>{lexicon})`.
  const Lexicon* lexicon = nullptr;
  std::string lexicon_group;

  const RE2& re() const { return pattern->re(); }
  const RE2* submatch() const { return pattern->submatch(); }
  int mention_group() const { return pattern->mention_group(); }
};

// The next match of `rule` in `text` at or after `pos`, with its first `n` groups (n ≥ 1): `re`
// finds the match, `submatch` (when set) its groups within it.
bool FindNext(const CompiledRule& rule, std::string_view text, size_t pos, re2::StringPiece* groups, int n);
// The same with `re` compiled from the rule's pattern elsewhere (the atom filter's copy).
bool FindNext(const RE2& re, const RE2* submatch, std::string_view text, size_t pos, re2::StringPiece* groups, int n);

class RuleBook {
 public:
  RuleBook() = default;
  RuleBook(RuleBook&&) = default;
  RuleBook& operator=(RuleBook&&) = default;

  // The defaults compiled into the binary, then every *.yaml file of each user directory.
  // Returns every error found, one per line, or the compiled book.
  // With `validate_all`, the defaults too are compiled and validated now (`rules test`).
  static StatusOr<RuleBook> Load(const std::vector<std::string>& user_dirs, bool validate_all = false);
  // Same, from given sources (for tests and tools). The patterns of embedded defaults loaded
  // without user sources compile on first use, unchecked (they are checked by the test suite);
  // every other book, or with `validate_all`, is compiled and validated here.
  static StatusOr<RuleBook> FromSources(const std::vector<RuleSource>& defaults, const std::vector<RuleSource>& user,
                                        bool validate_all = false);
  // The embedded default rule files.
  static std::vector<RuleSource> DefaultSources();
  // `sources` parsed, not yet merged or compiled (for the build's snapshot of the defaults).
  static StatusOr<std::vector<RuleFile>> ParseFiles(const std::vector<RuleSource>& sources);

  const std::vector<CompiledRule>& rules() const { return rules_; }
  // Stage names in the order their files were read (defaults first).
  const std::vector<std::string>& stages() const { return stages_; }
  const std::vector<const Lexicon*>& lexicons() const { return lexicon_ptrs_; }
  const Lexicon* FindLexicon(std::string_view name) const;
  // Every mention type a rule can produce: the built-in ones and those the rule files declare.
  const std::set<std::string>& mention_types() const { return mention_types_; }
  // A short fingerprint of every rule and lexicon (for caches): equal books give equal strings.
  const std::string& fingerprint() const { return fingerprint_; }

 private:
  // Merges the layers, expands and (unless `lazy`) compiles and checks every pattern; the error
  // lines found so far come in `parse_errors`.
  // The defaults and the user's rule files (read from --rules directories), merged.
  static StatusOr<RuleBook> LoadLayers(const std::vector<RuleSource>& user, bool validate_all);
  static StatusOr<RuleBook> Assemble(std::vector<RuleFile> default_files, std::vector<RuleFile> user_files, bool lazy,
                                     std::vector<std::string> parse_errors);

  std::vector<CompiledRule> rules_;
  std::vector<std::string> stages_;
  std::vector<std::unique_ptr<Lexicon>> lexicons_;
  std::vector<const Lexicon*> lexicon_ptrs_;
  std::string fingerprint_;
  std::set<std::string> mention_types_;
};

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_RULES_RULE_BOOK_H_
