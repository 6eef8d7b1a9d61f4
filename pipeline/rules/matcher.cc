#include "pipeline/rules/matcher.h"

#include "pipeline/rules/normalizer.h"

namespace policygraph {

RuleMatcher::RuleMatcher(std::vector<const CompiledRule*> rules, std::vector<const Lexicon*> lexicons)
    : rules_(std::move(rules)), lexicons_(std::move(lexicons)) {
  RE2::Options opts;
  opts.set_log_errors(false);
  opts.set_max_mem(int64_t{1} << 30);
  auto set = std::make_unique<RE2::Set>(opts, RE2::UNANCHORED);
  for (const CompiledRule* r : rules_) {
    if (set->Add(r->rule.expanded, nullptr) < 0) return;  // validated already; keep the fallback
  }
  if (set->Compile()) set_ = std::move(set);
}

void RuleMatcher::MatchSentence(const Document& doc, int32_t index, std::vector<Mention>& out) const {
  const Span s = doc.sentences[index];
  std::string_view text(doc.view.text().data() + s.start, s.end - s.start);
  if (set_ != nullptr) {
    std::vector<int> fired;
    RE2::Set::ErrorInfo info;
    if (set_->Match(text, &fired, &info)) {
      std::sort(fired.begin(), fired.end());
      for (int i : fired) MatchRule(*rules_[i], doc, index, out);
      return;
    }
    if (info.kind == RE2::Set::kNoError) return;  // nothing fired
  }
  for (const CompiledRule* r : rules_) MatchRule(*r, doc, index, out);
}

void RuleMatcher::MatchRule(const CompiledRule& cr, const Document& doc, int32_t index, std::vector<Mention>& out) const {
  const RE2& re = *cr.re;
  const Rule& rule = cr.rule;
  const Span s = doc.sentences[index];
  const std::string& view = doc.view.text();
  std::string_view text(view.data() + s.start, s.end - s.start);
  const int ngroups = re.NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> groups(ngroups);
  std::vector<std::pair<std::string_view, std::string_view>> named;
  size_t pos = 0;
  while (pos <= text.size() && re.Match(text, pos, text.size(), RE2::UNANCHORED, groups.data(), ngroups)) {
    const re2::StringPiece whole = groups[0];
    size_t next = static_cast<size_t>(whole.data() - text.data()) + whole.size();
    pos = whole.empty() ? next + 1 : next;
    re2::StringPiece reported = whole;
    if (cr.mention_group > 0 && groups[cr.mention_group].data() != nullptr) reported = groups[cr.mention_group];
    if (reported.empty()) continue;
    named.clear();
    for (const auto& [name, gi] : re.NamedCapturingGroups()) {
      if (groups[gi].data() != nullptr) named.emplace_back(name, std::string_view(groups[gi].data(), groups[gi].size()));
    }
    RuleMatch match(rule, doc, std::string_view(reported.data(), reported.size()), named, lexicons_);
    NormalizedValue value;
    const NormalizerSpec* norm = FindNormalizer(rule.normalizer);
    if (norm == nullptr || !norm->fn(match, &value)) {
      // A rejected match consumes nothing: the next match may start inside it (at the next
      // character), as if the pattern had not matched here.
      size_t start = static_cast<size_t>(whole.data() - text.data()) + 1;
      while (start < text.size() && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) ++start;
      pos = start;
      continue;
    }
    Mention m = MakeMention(rule, rule.type, doc, index, reported, std::move(value));
    m.value = rule.value.is_null() ? std::move(m.value) : rule.value;
    if (!rule.mod.empty()) m.mod = rule.mod;
    if (!rule.unit.empty()) m.unit = rule.unit;
    if (rule.attrs.is_object()) {
      if (!m.attrs.is_object()) m.attrs = Json::object();
      for (const auto& [k, v] : rule.attrs.items()) m.attrs[k] = v;
    }
    const Span parent = m.view_span;
    out.push_back(std::move(m));
    for (const AlsoMention& also : rule.also) EmitAlso(cr, also, doc, index, groups, parent, out);
  }
}

void RuleMatcher::EmitAlso(const CompiledRule& cr, const AlsoMention& also, const Document& doc, int32_t index,
                           const std::vector<re2::StringPiece>& groups, Span parent, std::vector<Mention>& out) const {
  const auto& names = cr.re->NamedCapturingGroups();
  auto it = names.find(also.group);
  if (it == names.end()) return;
  const re2::StringPiece g = groups[it->second];
  if (g.data() == nullptr || g.empty()) return;
  // The companion sees only the groups nested inside its own.
  std::vector<std::pair<std::string_view, std::string_view>> nested;
  for (const auto& [name, gi] : names) {
    const re2::StringPiece n = groups[gi];
    if (n.data() != nullptr && n.data() >= g.data() && n.data() + n.size() <= g.data() + g.size()) {
      nested.emplace_back(name, std::string_view(n.data(), n.size()));
    }
  }
  RuleMatch match(cr.rule, doc, std::string_view(g.data(), g.size()), nested, lexicons_);
  NormalizedValue value;
  const NormalizerSpec* norm = FindNormalizer(also.normalizer);
  if (norm == nullptr || !norm->fn(match, &value)) return;
  Mention m = MakeMention(cr.rule, also.type, doc, index, g, std::move(value));
  if (m.view_span == parent) return;  // the same span twice is no companion
  m.parent = parent;
  out.push_back(std::move(m));
}

Mention RuleMatcher::MakeMention(const Rule& rule, const std::string& type, const Document& doc, int32_t index,
                                 re2::StringPiece reported, NormalizedValue value) const {
  const Span s = doc.sentences[index];
  const char* sentence = doc.view.text().data() + s.start;
  Mention m;
  m.type = type;
  m.view_span.start = s.start + static_cast<uint32_t>(reported.data() - sentence);
  m.view_span.end = m.view_span.start + static_cast<uint32_t>(reported.size());
  m.span.start = doc.view.OriginalStart(m.view_span.start);
  m.span.end = doc.view.OriginalEnd(m.view_span.start, m.view_span.end);
  m.text = doc.text.substr(m.span.start, m.span.end - m.span.start);
  m.value = std::move(value.value);
  m.mod = std::move(value.mod);
  m.unit = std::move(value.unit);
  m.attrs = std::move(value.attrs);
  m.rule = rule.id;
  m.stage = rule.stage;
  m.priority = rule.priority;
  m.sentence = index;
  return m;
}

}  // namespace policygraph
