// The one registry of normalizers. A stage that brings a normalizer declares it in its own header
// and is listed here, so `rules list` and validation see every normalizer in one place.
#include "pipeline/rules/normalizer.h"

#include <algorithm>
#include <memory>
#include <unordered_map>

#include "stages/counts/counts.h"
#include "stages/money/money.h"
#include "stages/dates/timex.h"
#include "stages/numbers/number.h"
#include "stages/orgs/entity_name.h"
#include "stages/percent/percent.h"
#include "stages/places/geo_city.h"
#include "stages/plans/five_year_plan.h"
#include "stages/sectors/generic_sector.h"

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

const std::vector<NormalizerSpec>& Registry() {
  static const std::vector<NormalizerSpec> kAll = {
      {"text", {}, {}, &NormalizeText, "the matched text (or group 'value')"},
      {"lexicon", {"name"}, {}, &NormalizeLexicon, "canonical key of the lexicon entry group 'name' matched"},
      {"constant", {}, {}, &NormalizeConstant, "the rule's 'value'"},
      {"relation", {}, {}, &NotAMention, "relation rules (stage relations): groups subject, object, attributes; or a frame (params subject/object)"},
      {"number", {"number"}, {}, &NormalizeNumberGroup, "the number in group 'number'"},
      {"percent", {"number"}, {}, &NormalizePercent, "a percentage from group 'number'"},
      {"percent_range", {"number", "number2", "sep"}, {}, &NormalizePercentRange, "a range of percentages: 'number'-'number2'"},
      {"money", {"number"}, {}, &NormalizeMoney, "an amount of money: groups 'number', 'currency' (or params.currency)"},
      {"money_range", {"number", "number2", "sep"}, {}, &NormalizeMoneyRange, "a range of money: 'number'-'number2', 'currency'"},
      {"count", {"number", "unit"}, {}, &NormalizeCount, "a count: 'number', its counted noun 'unit', 'qualifier' -> mod"},
      {"timex_date", {}, {"year", "spelled_year", "month", "month_num", "num_a", "quarter", "half", "season", "decade", "decade2", "decade_word", "century", "weekday", "hour", "noon", "pod", "holiday"}, &NormalizeTimexDate, "TIMEX3 DATE from year/month/day/quarter/half/season/decade/century/weekday/time/holiday groups (stages/dates/timex.h)"},
      {"timex_range", {"from_year", "to_year"}, {}, &NormalizeTimexRange, "TIMEX3 interval from_year/to_year, e.g. 2016/2020"},
      {"timex_month_range", {"from_month", "to_month", "year"}, {}, &NormalizeTimexMonthRange, "TIMEX3 interval of months of one year: from_month/to_month year, e.g. 2023-01/2023-06"},
      {"timex_relative", {}, {}, &NormalizeTimexRelative, "TIMEX3 DATE relative to the reference date (deictic, or rel/count+dir with unit)"},
      {"timex_duration", {"unit"}, {}, &NormalizeTimexDuration, "ISO 8601 duration from count and unit, e.g. P5Y"},
      {"timex_set", {}, {"freq", "unit", "weekday", "month", "season"}, &NormalizeTimexSet, "TIMEX3 SET: frequency word, every (N) unit, each weekday"},
      {"timex_constant", {}, {}, &NormalizeTimexConstant, "the rule's 'value' (PRESENT_REF, PAST_REF, FUTURE_REF) under the dates context guards"},
      {"entity_name", {}, {}, &NormalizeEntityName, "a name found by a pattern (group 'name' or the match); rejects descriptions"},
      {"place", {"name"}, {}, &NormalizePlace, "'lexicon' for places, rejecting parts of longer proper names"},
      {"geo_city", {"name"}, {}, &NormalizeGeoCity, "a GeoNames town ('lexicon'): the 'place' guards, no capitalized word after, params cue_before/cue_after"},
      {"city", {"name", "region"}, {}, &NormalizeCity, "a town no list has, before the state/province/country it lies in (group 'region')"},
      {"town", {}, {}, &NormalizeTown, "a town no list has where the context says it is a place (group 'name' or the match); rejects names of bodies and matches through group 'not_town'"},
      {"generic_sector", {"name"}, {}, &NormalizeGenericSector, "'lexicon' for generic fields, only where listed or coordinated with sectors"},
      {"five_year_plan", {"ordinal"}, {}, &NormalizeFiveYearPlan, "the Nth Five-Year Plan and its period from group 'ordinal'"},
  };
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

}  // namespace policygraph
