// Reading a timex rule's match: its named groups (units, parts of day, seasons, modifiers) and params.
#include "stages/dates/timex.h"

#include <string>

#include "pipeline/rules/word_list.h"
#include "stages/dates/timex_internal.h"
#include "stages/numbers/qualifier.h"

namespace policygraph {

namespace timex {

std::optional<RefDate> RefOf(const RuleMatch& m) { return ParseRefDate(m.doc().meta.date); }

void MarkResolved(const RuleMatch& m, NormalizedValue* out) {
  if (!out->attrs.is_object()) out->attrs = Json::object();
  const std::string& src = m.doc().meta.date_source;
  out->attrs["ref_date_source"] = src.empty() ? "unknown" : src;
}

// The unit code of group `unit`: the canonical key of the `time_unit` lexicon entry it matched,
// else the code of the word itself.
std::string UnitOf(const RuleMatch& m, std::string_view group) {
  if (const LexiconEntry* e = m.LexiconEntryOf(group)) return e->canonical;
  static const Lexicon& kUnits = WordList("time_units");
  const LexiconEntry* e = kUnits.Find(Key(m.Group(group)));
  return e == nullptr ? std::string() : e->attrs.value("unit", "");
}

// Part of day code (MO AF EV NI) of group `pod`: lexicon key, else the first part of day (in that
// order) whose word in stages/dates/time_units.tsv the group holds ("late afternoon").
std::string PartOfDay(const RuleMatch& m) {
  if (!m.Has("pod")) return {};
  if (const LexiconEntry* e = m.LexiconEntryOf("pod")) return e->canonical;
  static const Lexicon& kUnits = WordList("time_units");
  const std::string k = Key(m.Group("pod"));
  for (std::string_view code : {"MO", "AF", "EV", "NI"}) {
    for (const LexiconEntry& e : kUnits.entries) {
      if (e.attrs.value("unit", "") == code && k.find(e.canonical) != std::string::npos) return std::string(code);
    }
  }
  return {};
}

// Season code of group `season`: its `dt_season` lexicon entry (stages/dates/rules.yaml), also when
// the group is no lexicon group.
std::string SeasonOf(const RuleMatch& m) {
  if (const LexiconEntry* e = m.LexiconEntryOf("season")) return e->canonical;
  const Lexicon* seasons = m.FindLexicon("dt_season");
  const LexiconEntry* e = seasons == nullptr ? nullptr : seasons->Find(Key(m.Group("season")));
  return e == nullptr ? std::string() : e->canonical;
}

std::optional<int> MonthOf(const RuleMatch& m) {
  if (m.Has("month")) {
    if (const LexiconEntry* e = m.LexiconEntryOf("month")) return Digits(e->canonical);
    return MonthNumber(m.Group("month"));
  }
  return std::nullopt;
}

std::optional<int> WeekdayOf(const RuleMatch& m) {
  if (!m.Has("weekday")) return std::nullopt;
  if (const LexiconEntry* e = m.LexiconEntryOf("weekday")) return Digits(e->canonical);
  return WeekdayNumber(m.Group("weekday"));
}

// -1 for last/past/previous…, +1 for next/coming/following…, 0 for this/current; nullopt else.
std::optional<int> RelDirection(std::string_view word) {
  const std::string k = Key(word);
  static const Lexicon& kDirs = WordList("relative_words");
  return WordNumber(kDirs.Find(k), "direction");
}

// "T22:00", "TMO", "T12:00" from groups hour, minute, ampm, noon, pod; "" when none.
std::string TimeOfDay(const RuleMatch& m) {
  if (m.Has("noon")) {
    std::string k = Key(m.Group("noon"));
    return k == "midnight" ? "T24:00" : "T12:00";
  }
  if (m.Has("hour")) {
    auto h = Digits(m.Group("hour"));
    if (!h || *h > 24) return {};
    int hour = *h;
    std::string ap = Key(m.Group("ampm"));
    if (!ap.empty() && ap[0] == 'p' && hour < 12) hour += 12;
    if (!ap.empty() && ap[0] == 'a' && hour == 12) hour = 0;
    int minute = 0;
    if (m.Has("minute")) {
      auto mm = Digits(m.Group("minute"));
      if (!mm || *mm > 59) return {};
      minute = *mm;
    }
    std::string time = "T";
    time.append(Pad(hour, 2)).append(":").append(Pad(minute, 2));
    return time;
  }
  std::string pod = PartOfDay(m);
  return pod.empty() ? std::string() : "T" + pod;
}

std::string ModOf(const RuleMatch& m) {
  for (std::string_view g : {"mod", "suffix", "approx", "prepost"}) {
    if (m.Has(g)) {
      std::string mod = TemporalMod(m.Group(g));
      if (!mod.empty()) return mod;
    }
  }
  return {};
}

// Offset mods of "N units ago" (TimeML: "more than a decade ago" is BEFORE).
std::string AgoMod(std::string_view qualifier) {
  std::string q = QualifierMod(qualifier);
  if (q == "MORE_THAN") return "BEFORE";
  if (q == "LESS_THAN") return "AFTER";
  if (q == "EQUAL_OR_MORE") return "ON_OR_BEFORE";
  if (q == "EQUAL_OR_LESS") return "ON_OR_AFTER";
  return q;
}

int ParamInt(const RuleMatch& m, const char* key, int fallback) {
  const Json& p = m.rule().params;
  if (p.is_object() && p.contains(key) && p[key].is_number_integer()) return p[key].get<int>();
  return fallback;
}

std::string ParamStr(const RuleMatch& m, const char* key) {
  const Json& p = m.rule().params;
  if (p.is_object() && p.contains(key) && p[key].is_string()) return p[key].get<std::string>();
  return {};
}

}  // namespace timex

}  // namespace policygraph
