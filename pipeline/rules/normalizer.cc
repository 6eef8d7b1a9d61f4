// The registry of normalizers: the generic ones defined here, and those the stages register from
// their folders (PG_REGISTER_NORMALIZER), in one list for validation and messages.
#include "pipeline/rules/normalizer.h"

#include <algorithm>
#include <memory>
#include <unordered_map>

namespace policygraph {

const RE2* ParamRegex(const std::string& pattern) {
  thread_local std::unordered_map<std::string, std::unique_ptr<RE2>> cache;
  auto& slot = cache[pattern];
  if (!slot) {
    RE2::Options opts;
    opts.set_log_errors(false);
    slot = std::make_unique<RE2>(pattern, opts);
  }
  return slot->ok() ? slot.get() : nullptr;
}

std::string_view RuleMatch::Group(std::string_view name) const {
  for (const auto& [n, text] : groups_) {
    if (n == name) return text;
  }
  return {};
}

const LexiconEntry* RuleMatch::LexiconEntryOf(std::string_view name) const {
  auto it = rule_.group_lexicon.find(std::string(name));
  if (it == rule_.group_lexicon.end()) return nullptr;
  std::string_view text = Group(name);
  if (text.empty()) return nullptr;
  const Lexicon* lex = FindLexicon(it->second);
  return lex == nullptr ? nullptr : lex->Find(text);
}

const Lexicon* RuleMatch::FindLexicon(std::string_view name) const {
  // The last one of that name: a user's lexicon replaces the default, as the patterns see it.
  for (auto it = lexicons_.rbegin(); it != lexicons_.rend(); ++it) {
    if ((*it)->name == name) return *it;
  }
  return nullptr;
}

namespace {

// `text`: the value is the matched text (or group `value` when the pattern has one).
bool NormalizeText(const RuleMatch& m, NormalizedValue* out) {
  std::string_view v = m.Has("value") ? m.Group("value") : m.text();
  std::string s(v);
  std::replace(s.begin(), s.end(), '\n', ' ');
  out->value = s;
  return true;
}

// `lexicon`: the value is the canonical key of the lexicon entry that group `name` matched; the
// entry's attributes and the alias that matched go to attrs.
bool NormalizeLexicon(const RuleMatch& m, NormalizedValue* out) {
  const LexiconEntry* e = m.LexiconEntryOf("name");
  if (e == nullptr) return false;
  out->value = e->canonical;
  out->attrs = e->attrs.is_null() ? Json::object() : e->attrs;
  std::string alias(m.Group("name"));
  std::replace(alias.begin(), alias.end(), '\n', ' ');
  if (alias != e->canonical) out->attrs["alias"] = alias;
  if (out->attrs.empty()) out->attrs = nullptr;
  return true;
}

// Relation rules are matched by the relations stage, never as mentions.
bool NotAMention(const RuleMatch&, NormalizedValue*) { return false; }

// `constant`: the rule's own `value:` (checked by validation to be present at use).
bool NormalizeConstant(const RuleMatch& m, NormalizedValue* out) {
  out->value = m.rule().value;
  return !out->value.is_null();
}

// The normalizers of the rule engine itself, in the order messages list them first.
std::vector<NormalizerSpec> GenericNormalizers() {
  return {
      {"text", {}, {}, &NormalizeText, "the matched text (or group 'value')"},
      {"lexicon", {"name"}, {}, &NormalizeLexicon, "canonical key of the lexicon entry group 'name' matched"},
      {"constant", {}, {}, &NormalizeConstant, "the rule's 'value'"},
      {"relation", {}, {}, &NotAMention, "relation rules (stage relations): groups subject, object, attributes; or a frame (params subject/object)"},
  };
}

// The stages' normalizers as registered: in static-initialization order, which no build fixes.
std::vector<NormalizerSpec>& StageNormalizers() {
  static std::vector<NormalizerSpec> registered;
  return registered;
}

// The generic normalizers, then the stages' sorted by name.
const std::vector<NormalizerSpec>& Registry() {
  static const std::vector<NormalizerSpec> kAll = [] {
    std::vector<NormalizerSpec> all = GenericNormalizers();
    std::vector<NormalizerSpec> stages = StageNormalizers();
    std::sort(stages.begin(), stages.end(),
              [](const NormalizerSpec& a, const NormalizerSpec& b) { return a.name < b.name; });
    all.insert(all.end(), stages.begin(), stages.end());
    return all;
  }();
  return kAll;
}

}  // namespace

const NormalizerSpec* FindNormalizer(std::string_view name) {
  for (const NormalizerSpec& n : Registry()) {
    if (n.name == name) return &n;
  }
  return nullptr;
}

const std::vector<NormalizerSpec>& AllNormalizers() { return Registry(); }

bool RegisterNormalizer(NormalizerSpec spec) {
  StageNormalizers().push_back(std::move(spec));
  return true;
}

}  // namespace policygraph
