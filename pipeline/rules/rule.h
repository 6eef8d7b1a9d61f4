// The parsed form of rule files (DESIGN.md §5): lexicons, rules and their examples, each knowing
// the file and line it came from so every error can say `file:line: rule ID: message`.
#ifndef POLICYGRAPH_PIPELINE_RULES_RULE_H_
#define POLICYGRAPH_PIPELINE_RULES_RULE_H_

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "pipeline/annotations.h"

namespace policygraph {

// Where a thing was written: "stages/money/rules.yaml:12".
struct SourceLocation {
  std::string file;
  int line = 0;  // 1-based; 0 when unknown
  std::string ToString() const { return line > 0 ? file + ":" + std::to_string(line) : file; }
};

// One canonical entity of a lexicon with its attributes (codes) and its literal surface forms.
struct LexiconEntry {
  std::string canonical;
  Json attrs;                         // object of attribute columns; null when none
  std::vector<std::string> surfaces;  // includes `canonical` for TSV lexicons
};

// canonical value -> literal surface forms; compiled into a quoted, longest-first alternation.
class Lexicon {
 public:
  std::string name;
  SourceLocation where;
  std::vector<LexiconEntry> entries;

  // Builds the surface index. Call once after `entries` is final.
  void Index();
  // The entry whose surface form is `surface` (exact, then case-insensitive). nullptr if none.
  const LexiconEntry* Find(std::string_view surface) const;
  // The RE2 alternation of all surface forms (and capitalized variants of lowercase ones),
  // longest first, each bounded by \b where it starts or ends with a word character.
  std::string Alternation() const;

 private:
  std::unordered_map<std::string, uint32_t> exact_;
  std::unordered_map<std::string, uint32_t> folded_;
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
  std::string normalizer;        // name in the normalizer registry
  int priority = 0;
  Json value;                    // constant value (overrides the normalizer's), null when absent
  std::string mod;               // constant mod
  std::string unit;              // constant unit
  std::string relation;          // relation rules: the label (TARGETS, INVESTS, ...)
  Json attrs;                    // constant attributes
  Json params;                   // normalizer parameters (object), null when absent
  std::vector<RuleExample> examples;
  std::vector<std::string> negatives;
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
