#include "pipeline/rules/matcher.h"

#include "pipeline/rules/normalizer.h"

namespace policygraph {

RuleMatcher::RuleMatcher(std::vector<const CompiledRule*> rules, std::vector<const Lexicon*> lexicons)
    : rules_(std::move(rules)), lexicons_(std::move(lexicons)) {
  static const RE2 kWholeGroup(R"(\(\?P<(\w+)>\{(\w+)\}\))");
  RE2::Options opts;
  opts.set_log_errors(false);
  opts.set_max_mem(int64_t{1} << 30);
  auto set = std::make_unique<RE2::Set>(opts, RE2::UNANCHORED);
  bool set_ok = true;
  for (size_t i = 0; i < rules_.size(); ++i) {
    const CompiledRule* r = rules_[i];
    std::string group, name;
    LexiconRule lex;
    if (RE2::FullMatch(r->rule.pattern, kWholeGroup, &group, &name) && r->rule.group_lexicon.count(group)) {
      for (const Lexicon* l : lexicons_) {
        if (l->name == name) lex = {l, group};
      }
    }
    if (lex.lexicon != nullptr) {
      lexicon_rules_.push_back(i);
    } else {
      set_rules_.push_back(i);
      if (set_ok && set->Add(r->rule.expanded, nullptr) < 0) set_ok = false;  // validated already
    }
    lexicon_rule_.push_back(std::move(lex));
  }
  if (set_ok && set->Compile()) set_ = std::move(set);
}

void RuleMatcher::MatchSentence(const Document& doc, int32_t index, std::vector<Mention>& out) const {
  for (size_t i : lexicon_rules_) MatchLexiconRule(i, doc, index, out);
  const Span s = doc.sentences[index];
  std::string_view text(doc.view.text().data() + s.start, s.end - s.start);
  if (set_ != nullptr) {
    std::vector<int> fired;
    RE2::Set::ErrorInfo info;
    if (set_->Match(text, &fired, &info)) {
      std::sort(fired.begin(), fired.end());
      for (int i : fired) MatchRule(set_rules_[static_cast<size_t>(i)], doc, index, out);
      return;
    }
    if (info.kind == RE2::Set::kNoError) return;  // nothing fired
  }
  for (size_t i : set_rules_) MatchRule(i, doc, index, out);
}

void RuleMatcher::MatchLexiconRule(size_t rule_index, const Document& doc, int32_t index,
                                   std::vector<Mention>& out) const {
  const LexiconRule& lex = lexicon_rule_[rule_index];
  const Span s = doc.sentences[index];
  std::string_view text(doc.view.text().data() + s.start, s.end - s.start);
  std::vector<std::pair<std::string_view, std::string_view>> named;
  size_t pos = 0;
  while (std::optional<LexiconHit> hit = lex.lexicon->FindFirst(text, pos)) {
    pos = hit->end;
    const std::string_view found = text.substr(hit->start, hit->end - hit->start);
    named.assign(1, {lex.group, found});
    Emit(*rules_[rule_index], doc, index, found, named, out);
  }
}

void RuleMatcher::MatchRule(size_t rule_index, const Document& doc, int32_t index, std::vector<Mention>& out) const {
  const CompiledRule& cr = *rules_[rule_index];
  const RE2& re = *cr.re;
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
    Emit(cr, doc, index, std::string_view(reported.data(), reported.size()), named, out);
  }
}

void RuleMatcher::Emit(const CompiledRule& cr, const Document& doc, int32_t index, std::string_view reported,
                       const std::vector<std::pair<std::string_view, std::string_view>>& named,
                       std::vector<Mention>& out) const {
  const Rule& rule = cr.rule;
  const std::string& view = doc.view.text();
  RuleMatch match(rule, doc, reported, named, lexicons_);
  NormalizedValue value;
  const NormalizerSpec* norm = FindNormalizer(rule.normalizer);
  if (norm == nullptr || !norm->fn(match, &value)) return;
  Mention m;
  m.type = rule.type;
  m.view_span.start = static_cast<uint32_t>(reported.data() - view.data());
  m.view_span.end = m.view_span.start + static_cast<uint32_t>(reported.size());
  m.span.start = doc.view.OriginalStart(m.view_span.start);
  m.span.end = doc.view.OriginalEnd(m.view_span.start, m.view_span.end);
  m.text = doc.text.substr(m.span.start, m.span.end - m.span.start);
  m.value = rule.value.is_null() ? std::move(value.value) : rule.value;
  m.mod = rule.mod.empty() ? std::move(value.mod) : rule.mod;
  m.unit = rule.unit.empty() ? std::move(value.unit) : rule.unit;
  m.attrs = std::move(value.attrs);
  if (rule.attrs.is_object()) {
    if (!m.attrs.is_object()) m.attrs = Json::object();
    for (const auto& [k, v] : rule.attrs.items()) m.attrs[k] = v;
  }
  m.rule = rule.id;
  m.stage = rule.stage;
  m.priority = rule.priority;
  m.sentence = index;
  out.push_back(std::move(m));
}

}  // namespace policygraph
