// Normalizers turn a rule's match (its named groups) into a mention's value, mod, unit and
// attributes. The generic ones are defined in normalizer.cc; a stage registers its own from its folder
// (PG_REGISTER_NORMALIZER). A rule names its normalizer with `normalize:` and the rule book checks up
// front that the groups it reads exist.
#ifndef POLICYGRAPH_PIPELINE_RULES_NORMALIZER_H_
#define POLICYGRAPH_PIPELINE_RULES_NORMALIZER_H_

#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "pipeline/core/annotations.h"
#include "pipeline/core/document.h"
#include "pipeline/core/registration.h"
#include "pipeline/rules/rule.h"

namespace policygraph {

// What a normalizer sees of one match. Group text is from the document's normalized view.
class RuleMatch {
 public:
  RuleMatch(const Rule& rule, const Document& doc, std::string_view text,
            const std::vector<std::pair<std::string_view, std::string_view>>& groups,
            const std::vector<const Lexicon*>& lexicons)
      : rule_(rule), doc_(doc), text_(text), groups_(groups), lexicons_(lexicons) {}

  const Rule& rule() const { return rule_; }
  const Document& doc() const { return doc_; }
  // The reported text (the `mention` group if the pattern has one, else the whole match).
  std::string_view text() const { return text_; }
  // The text of named group `name`; empty when it did not participate.
  std::string_view Group(std::string_view name) const;
  bool Has(std::string_view name) const { return !Group(name).empty(); }
  // The lexicon entry that group `name` matched, when its body was a {lexicon}; else nullptr.
  const LexiconEntry* LexiconEntryOf(std::string_view name) const;
  // The lexicon named `name` (any rule file's), or nullptr: for normalizers that check context.
  const Lexicon* FindLexicon(std::string_view name) const;

 private:
  const Rule& rule_;
  const Document& doc_;
  std::string_view text_;
  const std::vector<std::pair<std::string_view, std::string_view>>& groups_;  // name -> text
  const std::vector<const Lexicon*>& lexicons_;  // every lexicon the rule book knows
};

struct NormalizedValue {
  Json value;
  std::string mod;
  std::string unit;
  Json attrs;  // object or null
  // Set by a normalizer that finds the match ran on too far ("Committee on Government Reform on
  // Feb. 3"): the mention is only the first `keep` bytes of the matched text.
  size_t keep = std::string_view::npos;
};

// Returns false to reject the match (it then yields no mention).
using NormalizeFn = bool (*)(const RuleMatch&, NormalizedValue*);

struct NormalizerSpec {
  std::string_view name;
  std::vector<std::string_view> required_groups;  // the rule's pattern must define these
  std::vector<std::string_view> any_of_groups;    // ... and at least one of these (when non-empty)
  NormalizeFn fn;
  std::string_view help;
};

// The regex `pattern` from a rule param, compiled once per distinct pattern and thread (one cache
// per thread: no lock, and no RE2 shared between threads, as RE2 locks its DFA cache). nullptr when
// the pattern does not compile.
const RE2* ParamRegex(const std::string& pattern);

// The normalizer named `name`, or nullptr.
const NormalizerSpec* FindNormalizer(std::string_view name);
// All normalizers, for messages: the generic ones (text, lexicon, constant, relation), then the
// stages' by name, so that the order is the same in every build.
const std::vector<NormalizerSpec>& AllNormalizers();

// Adds a stage's normalizer to the registry; returns true. Called at static initialization, through
// PG_REGISTER_NORMALIZER; the registry is read after main starts.
bool RegisterNormalizer(NormalizerSpec spec);

// Registers a normalizer from a stage's folder (stages/<stage>/register.cc). The arguments initialize
// a NormalizerSpec, e.g.
//   PG_REGISTER_NORMALIZER(.name = "count", .required_groups = {"number", "unit"}, .fn = &NormalizeCount,
//                          .help = "a count: ...");
// Nothing refers to the registering variable: the library is linked whole (CMakeLists.txt) so that
// the linker keeps it.
#define PG_REGISTER_NORMALIZER(...)                                                     \
  [[maybe_unused]] static const bool PG_REGISTRATION_NAME(pg_normalizer_registered_) = \
      ::policygraph::RegisterNormalizer(::policygraph::NormalizerSpec{__VA_ARGS__})

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_RULES_NORMALIZER_H_
