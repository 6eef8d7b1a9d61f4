#include "stages/sectors/generic_sector.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "pipeline/rules/word_list.h"

namespace policygraph {
namespace {

bool IsWordByte(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

// The sentence around the match, in view bytes.
struct Context {
  std::string_view before;  // sentence text before the term
  std::string_view after;   // sentence text after the term
};

Context AroundMatch(const RuleMatch& m, std::string_view term) {
  const std::string& view = m.doc().view.text();
  const size_t start = static_cast<size_t>(term.data() - view.data());
  const size_t end = start + term.size();
  const int32_t sentence = m.doc().SentenceIndexAt(static_cast<uint32_t>(start));
  Span s{0, static_cast<uint32_t>(view.size())};
  if (sentence >= 0) s = m.doc().sentences[static_cast<size_t>(sentence)];
  const std::string_view all(view);
  return {all.substr(s.start, start - s.start), all.substr(end, std::max<size_t>(s.end, end) - end)};
}

// `prefix`, the nouns of stages/sectors/sector_nouns.tsv (with `heads_only`, those that name a
// sector after a sector word) as an alternation, `suffix`.
std::string SectorNounPattern(std::string_view prefix, bool heads_only, std::string_view suffix) {
  const Lexicon& nouns = WordList("sector_nouns");
  std::string words;
  for (const std::string& w : heads_only ? WordFormSetWhere(nouns, "head", "yes") : WordFormSet(nouns)) {
    if (!words.empty()) words += '|';
    words += RE2::QuoteMeta(w);
  }
  std::string out(prefix);
  out.append(words).append(suffix);
  return out;
}

bool NamedAsIndustry(std::string_view after) {
  static const RE2 kHead(SectorNounPattern(R"(^\s+(?:)", true, R"()\b)"));
  return RE2::PartialMatch(after, kHead);
}

// Punctuation, "and", "or": the grammar of a list (here and below), not a word list.
bool EndsListItem(std::string_view after) {
  static const RE2 kEnd(R"(^(?:\s*[,;:.)/]|\s+(?:and|or)\b|\s*$))");
  return RE2::PartialMatch(after, kEnd);
}

bool AfterListTrigger(std::string_view before) {
  // "such as", "including", "like" or ":" and the items so far are the pattern's grammar.
  static const RE2 kTrigger(SectorNounPattern(
      R"(\b(?:)", false, R"()\s*,?\s*(?:such\s+as|including|like|:)\s+(?:[^,;.()]+,\s+)*(?:and\s+|or\s+)?$)"));
  return RE2::PartialMatch(before, kTrigger);
}

// A specific sector right after the term: ", robotics", " and batteries".
bool SectorFollows(std::string_view after, const Lexicon& specific) {
  static const RE2 kSeparator(R"(^(?:,\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+|/))");
  re2::StringPiece rest(after.data(), after.size());
  if (!RE2::Consume(&rest, kSeparator)) return false;
  // LongestAt needs the text before the position for its word-boundary check: search `after`.
  const size_t pos = static_cast<size_t>(rest.data() - after.data());
  return specific.LongestAt(after, pos) > pos;
}

// A specific sector right before the term: "aerospace, ", "robotics and ".
bool SectorPrecedes(std::string_view before, const Lexicon& specific) {
  re2::StringPiece sep;
  static const RE2 kFind(R"((,\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+|/)$)");
  if (!RE2::PartialMatch(before, kFind, &sep)) return false;
  const size_t sep_start = static_cast<size_t>(sep.data() - before.data());
  // Try the word starts of the last few words before the separator.
  size_t words = 0;
  for (size_t i = sep_start; i > 0 && words < 8; --i) {
    if (!IsWordByte(before[i - 1]) || (i >= 2 && IsWordByte(before[i - 2]))) continue;
    ++words;
    if (specific.LongestAt(before, i - 1) == sep_start) return true;
  }
  return false;
}

}  // namespace

bool NormalizeGenericSector(const RuleMatch& m, NormalizedValue* out) {
  const LexiconEntry* e = m.LexiconEntryOf("name");
  if (e == nullptr) return false;
  const std::string_view term = m.Group("name");
  std::string specific_name = "sector";
  if (m.rule().params.is_object() && m.rule().params.contains("specific")) {
    specific_name = m.rule().params["specific"].get<std::string>();
  }
  const Lexicon* specific = m.FindLexicon(specific_name);
  const Context c = AroundMatch(m, term);
  bool accept = NamedAsIndustry(c.after);
  if (!accept && EndsListItem(c.after)) {
    accept = AfterListTrigger(c.before) ||
             (specific != nullptr && (SectorFollows(c.after, *specific) || SectorPrecedes(c.before, *specific)));
  }
  if (!accept) return false;
  out->value = e->canonical;
  out->attrs = e->attrs.is_null() ? Json::object() : e->attrs;
  std::string alias(term);
  std::replace(alias.begin(), alias.end(), '\n', ' ');
  if (alias != e->canonical) out->attrs["alias"] = alias;
  if (out->attrs.empty()) out->attrs = nullptr;
  return true;
}

}  // namespace policygraph
