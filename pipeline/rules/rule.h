// The parsed form of rule files (DESIGN.md §5): lexicons, rules and their examples, each knowing
// the file and line it came from so every error can say `file:line: rule ID: message`.
#ifndef POLICYGRAPH_PIPELINE_RULES_RULE_H_
#define POLICYGRAPH_PIPELINE_RULES_RULE_H_

#include <array>
#include <atomic>
#include <mutex>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "pipeline/core/annotations.h"
#include "pipeline/rules/byte_trie.h"

namespace policygraph {

// Where a thing was written: "stages/money/rules.yaml:12".
struct SourceLocation {
  std::string file;
  int line = 0;  // 1-based; 0 when unknown
  std::string ToString() const { return line > 0 ? file + ":" + std::to_string(line) : file; }
  bool operator==(const SourceLocation&) const = default;
};

// One canonical entity of a lexicon with its attributes (codes) and its literal surface forms.
struct LexiconEntry {
  std::string canonical;
  Json attrs;                         // object of attribute columns; null when none
  std::vector<std::string> surfaces;  // includes `canonical` for TSV lexicons
};

// Where a lexicon surface form was found: [start, end) in the searched text.
struct LexiconHit {
  size_t start = 0, end = 0;
  const LexiconEntry* entry = nullptr;
};

// The positions of `sentence` where a lexicon form can start: 0, then every byte that is not
// whitespace, not inside an ASCII word and not a UTF-8 continuation byte, appended to `out`.
void FormStarts(std::string_view sentence, std::vector<uint32_t>& out);

// canonical value -> literal surface forms; compiled into a quoted, longest-first alternation.
// Besides each surface form it matches its capitalized variant at the start of a sentence
// ("Aerospace" for "aerospace") and, for a form of two words or more, its all-caps variant
// anywhere ("ENVIRONMENTAL PROTECTION AGENCY", as headings write names).
// A rule whose whole pattern is one lexicon group, `(?P<name>{lexicon})`, is matched with the
// lexicon's trie (FindFirst) instead of RE2: same matches, at a fraction of the cost of a DFA
// over thousands of alternatives.
class Lexicon {
 public:
  std::string name;
  SourceLocation where;
  std::vector<LexiconEntry> entries;

  // Call once after `entries` is final: the surface index is built on the first Find, the trie on
  // the first search (thread-safe), so a process pays only for what it uses of each lexicon.
  void Index();
  // The entry whose surface form is `surface` (exact, then case-insensitive). nullptr if none.
  const LexiconEntry* Find(std::string_view surface) const;
  // The RE2 alternation of all surface forms (and capitalized variants of lowercase ones),
  // longest first, each bounded by \b where it starts or ends with a word character.
  std::string Alternation() const;
  // The match the regex Alternation() would find in `sentence` starting at or after `from`:
  // the leftmost start, then the longest surface form, each bounded like the regex (\b at word
  // edges; a space matches one whitespace byte; a capitalized variant only at offset 0).
  std::optional<LexiconHit> FindFirst(std::string_view sentence, size_t from) const;
  // The same search over the positions `starts` (ascending, from FormStarts(sentence)) only: the
  // first of them where a form matches. Faster when several lexicons scan one sentence.
  std::optional<LexiconHit> FindFirst(std::string_view sentence, std::span<const uint32_t> starts) const;
  // The end of the longest surface form starting exactly at `pos` (with the same bounds), or 0.
  size_t LongestAt(std::string_view sentence, size_t pos, const LexiconEntry** entry = nullptr) const;
  // Every form the trie matches -> (its entry, whether only at the start of a sentence): the
  // surface forms and their variants, a form listed twice with its first entry.
  std::map<std::string, std::pair<uint32_t, bool>> Forms() const;

 private:
  void EnsureSurfaces() const;
  void EnsureTrie() const;
  void BuildSurfaces() const;
  void BuildTrie() const;
  // False when no form starts with the two bytes at `pos` (the first pair filter).
  bool PairMayStart(std::string_view text, size_t pos) const;

  // A part of the index, built once by the first thread that needs it.
  struct Built {
    std::once_flag once;
    std::atomic<bool> ready{false};
  };
  struct IndexState {
    Built surfaces, trie;
  };
  std::unique_ptr<IndexState> index_ = std::make_unique<IndexState>();
  // The surface index (EnsureSurfaces), for Find.
  mutable std::unordered_map<std::string, uint32_t> exact_;
  mutable std::unordered_map<std::string, uint32_t> folded_;
  // The trie and its filters (EnsureTrie), for the searches.
  mutable ByteTrie trie_;                        // of Forms()
  struct FormEnd {
    int32_t entry = -1;         // the entry of the form that ends at the node, or -1
    bool initial_only = false;  // that form only at the start of a sentence
  };
  mutable std::vector<FormEnd> form_end_;  // per trie node
  // Bit (a << 8 | b) is set when some form starts with the bytes a, b (every b for a one-byte
  // form): most word starts of a text fail this one lookup instead of walking the trie.
  mutable std::vector<uint64_t> first_pairs_;
  mutable bool starts_with_space_ = false;  // some form starts with whitespace: FormStarts skips those
};

struct ExpectedMention {
  std::string text;
  std::string type;  // empty: the rule's type
  Json value;        // null: not checked
  std::string mod;   // empty: not checked
  std::string unit;  // empty: not checked
  // For relation rules: the expected relation, by the surface text of its two ends.
  std::string subject, relation, object;
  Json attrs;        // null: not checked; else every key must match
};

struct RuleExample {
  std::string text;
  std::string date;  // reference date for relative expressions; empty: the default test date
  std::vector<ExpectedMention> expect;
  SourceLocation where;
};

// A text a rule must not find: no mention of the rule's type and none by the rule at all, or, when
// `not_found` lists surface texts, none of those as a mention of the rule's type (the text may hold
// other mentions of the type: "the Armed Forces Retirement Home": not "Armed Forces").
struct RuleNegative {
  std::string text;
  std::vector<std::string> not_found;
  SourceLocation where;
  bool operator==(const RuleNegative&) const = default;
};

// A further mention a rule emits from one named group of each match (rule key `also:`), e.g. the
// start year of a year range. It is normalized as if the pattern had matched only that group: its
// normalizer sees the group's text and the named groups nested inside it.
struct AlsoMention {
  std::string group;       // the named group whose span the mention reports
  std::string type;        // empty: the rule's type
  std::string normalizer;  // empty: the rule's normalizer
  SourceLocation where;
};

struct Rule {
  std::string id;
  std::string stage;
  std::string type;
  std::string pattern;           // as written, with {macro} references
  std::string expanded;          // after macro and lexicon expansion
  // `expanded` with each large lexicon (over 256 forms) as `(?s:.*)`: it matches wherever the rule
  // matches, for the atom filter, whose cost grows with the alternations. Empty: `expanded`.
  std::string filter_pattern;
  std::string normalizer;        // name in the normalizer registry
  int priority = 0;
  Json value;                    // constant value (overrides the normalizer's), null when absent
  std::string mod;               // constant mod
  std::string unit;              // constant unit
  std::string relation;          // relation rules: the label (TARGETS, INVESTS, ...)
  Json attrs;                    // constant attributes
  Json params;                   // normalizer parameters (object), null when absent
  std::vector<RuleExample> examples;
  std::vector<RuleNegative> negatives;
  std::vector<AlsoMention> also;  // companion mentions from named groups
  SourceLocation where;
  // Named group -> lexicon referenced as the group's whole body: (?P<g>{lexicon}).
  std::map<std::string, std::string> group_lexicon;
};

// One parsed rule file.
struct RuleFile {
  std::string path;  // as shown in messages
  std::string stage;
  std::string type;
  std::string normalizer;  // default for the file's rules
  std::map<std::string, std::pair<std::string, SourceLocation>> macros;
  std::vector<Lexicon> lexicons;
  std::vector<Rule> rules;
};

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_RULES_RULE_H_
