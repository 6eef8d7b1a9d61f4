#include "pipeline/rules/example_check.h"

namespace policygraph {
namespace {

Annotations RunText(const Pipeline& pipeline, const std::string& text, const std::string& date) {
  Document doc;
  doc.id = "example";
  doc.text = text;
  doc.meta.date = date.empty() ? kExampleRefDate : date;
  doc.meta.date_source = "example";
  Annotations ann;
  ann.trace = true;  // keep the rule's raw candidates for the negative check
  (void)pipeline.Process(doc, ann);
  return ann;
}

// Numbers compare by value (1e3 == 1000); everything else exactly.
bool SameValue(const Json& got, const Json& want) {
  if (got.is_number() && want.is_number()) return got.get<double>() == want.get<double>();
  if (got.is_object() && want.is_object()) {
    for (const auto& [k, v] : want.items()) {
      if (!got.contains(k) || !SameValue(got[k], v)) return false;
    }
    return true;
  }
  return got == want;
}

std::string Describe(const Mention& m) {
  std::string s = m.type + " '" + m.text + "' = " + m.value.dump();
  if (!m.mod.empty()) s += " mod " + m.mod;
  if (!m.unit.empty()) s += " unit '" + m.unit + "'";
  return s + " (rule " + m.rule + ")";
}

// A relation example: a relation with the label whose ends have the expected surface texts.
void CheckExpectedRelation(const Rule& rule, const RuleExample& ex, const ExpectedMention& want, const Annotations& ann,
                           std::vector<ExampleFailure>& failures) {
  std::string got;
  for (const Relation& r : ann.relations) {
    const Mention& s = r.subject;
    const Mention& o = r.object;
    std::string desc = "'" + s.text + "' " + r.label + " '" + o.text + "'" + (r.attrs.is_null() ? "" : " " + r.attrs.dump()) +
                       " (rule " + r.rule + ")";
    got += (got.empty() ? "" : "; ") + desc;
    if (r.label != want.relation || s.text != want.subject || o.text != want.object) continue;
    if (!want.attrs.is_null() && !SameValue(r.attrs, want.attrs)) {
      failures.push_back({ex.where.ToString(), rule.id, ex.text, "attrs: got " + r.attrs.dump() + ", want " + want.attrs.dump()});
    }
    return;
  }
  failures.push_back({ex.where.ToString(), rule.id, ex.text,
                      "no relation: want '" + want.subject + "' " + want.relation + " '" + want.object + "', got " +
                          (got.empty() ? "none" : got)});
}

void CheckExpected(const Rule& rule, const RuleExample& ex, const ExpectedMention& want, const Annotations& ann,
                   std::vector<ExampleFailure>& failures) {
  if (!want.relation.empty()) {
    CheckExpectedRelation(rule, ex, want, ann, failures);
    return;
  }
  const std::string type = want.type.empty() ? rule.type : want.type;
  auto fail = [&](std::string msg) { failures.push_back({ex.where.ToString(), rule.id, ex.text, std::move(msg)}); };
  size_t at = ex.text.find(want.text);
  if (at == std::string::npos) {
    fail("expected text '" + want.text + "' does not occur in the example");
    return;
  }
  std::vector<const Mention*> same_type_overlapping;
  const Mention* exact = nullptr;
  for (const Mention& m : ann.mentions) {
    if (m.type != type) continue;
    if (m.span.start == at && m.span.end == at + want.text.size()) exact = &m;
  }
  // A companion (rule key `also:`) and its parent are one finding, not an ambiguity.
  auto related = [&](const Mention& m) {
    if (exact == nullptr || &m == exact || m.rule != exact->rule) return false;
    return (m.parent && *m.parent == exact->view_span) || (exact->parent && *exact->parent == m.view_span);
  };
  for (const Mention& m : ann.mentions) {
    if (m.type != type || related(m)) continue;
    if (m.span.start < at + want.text.size() && at < m.span.end) same_type_overlapping.push_back(&m);
  }
  if (exact == nullptr) {
    std::string got;
    for (const Mention& m : ann.mentions) got += (got.empty() ? "" : "; ") + Describe(m);
    fail("no match: want " + type + " '" + want.text + "', got " + (got.empty() ? "nothing" : got));
    return;
  }
  if (same_type_overlapping.size() > 1) {
    std::string got;
    for (const Mention* m : same_type_overlapping) got += (got.empty() ? "" : "; ") + Describe(*m);
    fail("ambiguous: " + std::to_string(same_type_overlapping.size()) + " " + type + " mentions overlap '" +
         want.text + "': " + got);
    return;
  }
  if (!want.value.is_null() && !SameValue(exact->value, want.value)) {
    fail("value: got " + exact->value.dump() + ", want " + want.value.dump() + " (rule " + exact->rule + ")");
  }
  if (!want.mod.empty() && exact->mod != want.mod) fail("mod: got '" + exact->mod + "', want '" + want.mod + "'");
  if (!want.unit.empty() && exact->unit != want.unit) {
    fail("unit: got '" + exact->unit + "', want '" + want.unit + "'");
  }
}

// Whether `m` is one of the example's expected mentions (same type and surface text).
bool IsExpected(const Rule& rule, const RuleExample& ex, const Mention& m) {
  for (const ExpectedMention& want : ex.expect) {
    if (!want.relation.empty()) continue;
    const std::string& type = want.type.empty() ? rule.type : want.type;
    if (m.type == type && ex.text.compare(m.span.start, m.span.end - m.span.start, want.text) == 0) return true;
  }
  return false;
}

// A positive example also fails when the rule finds a mention the example does not expect: an
// example states everything the rule finds in it.
void CheckNoExtra(const Rule& rule, const RuleExample& ex, const Annotations& ann, std::vector<ExampleFailure>& failures) {
  std::string extra;
  for (const Mention& m : ann.mentions) {
    if (m.rule != rule.id || IsExpected(rule, ex, m)) continue;
    extra += (extra.empty() ? "" : "; ") + Describe(m);
  }
  if (!extra.empty()) {
    failures.push_back({ex.where.ToString(), rule.id, ex.text, "the rule also finds what the example does not expect: " + extra});
  }
}

// What a plain negative must not yield: a relation or a mention by the rule, a mention of its type,
// or the rule's candidate that lost an overlap.
std::string AnythingFound(const Rule& rule, const Annotations& ann) {
  std::string found;
  for (const Relation& r : ann.relations) {
    if (r.rule == rule.id) found += (found.empty() ? "" : "; ") + r.subject.text + " " + r.label + " " + r.object.text;
  }
  for (const Mention& m : ann.mentions) {
    if (m.type == rule.type || m.rule == rule.id) found += (found.empty() ? "" : "; ") + Describe(m);
  }
  for (const Rejected& r : ann.rejected) {
    if (r.mention.rule == rule.id) found += (found.empty() ? "" : "; ") + Describe(r.mention) + " [lost overlap]";
  }
  return found;
}

// What a negative with `not:` must not yield: one of the listed texts as a mention of the rule's type.
std::string ListedFound(const Rule& rule, const RuleNegative& neg, const Annotations& ann) {
  std::string found;
  for (const Mention& m : ann.mentions) {
    if (m.type != rule.type) continue;
    for (const std::string& text : neg.not_found) {
      if (m.text == text) found += (found.empty() ? "" : "; ") + Describe(m);
    }
  }
  return found;
}

}  // namespace

std::string ExampleFailure::ToString() const {
  return where + ": rule " + rule_id + ": example \"" + text + "\": " + message;
}

ExampleReport CheckExamples(const RuleBook& book, const Pipeline& pipeline, const std::string& id_prefix) {
  ExampleReport report;
  for (const CompiledRule& cr : book.rules()) {
    const Rule& rule = cr.rule;
    if (!id_prefix.empty() && !rule.id.starts_with(id_prefix)) continue;
    for (const RuleExample& ex : rule.examples) {
      ++report.examples;
      Annotations ann = RunText(pipeline, ex.text, ex.date);
      for (const ExpectedMention& want : ex.expect) CheckExpected(rule, ex, want, ann, report.failures);
      CheckNoExtra(rule, ex, ann, report.failures);
    }
    for (const RuleNegative& neg : rule.negatives) {
      ++report.examples;
      Annotations ann = RunText(pipeline, neg.text, "");
      const std::string found = neg.not_found.empty() ? AnythingFound(rule, ann) : ListedFound(rule, neg, ann);
      if (!found.empty()) {
        report.failures.push_back({neg.where.ToString(), rule.id, neg.text, "negative example matched: " + found});
      }
    }
  }
  return report;
}

}  // namespace policygraph
