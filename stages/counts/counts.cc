#include "stages/counts/counts.h"
#include "pipeline/core/text_util.h"

#include <cctype>
#include <set>
#include <vector>

#include "pipeline/rules/word_list.h"
#include "stages/numbers/number.h"
#include "stages/numbers/qualifier.h"

namespace policygraph {
namespace {

// Words that cannot sit between a count and its noun: determiners, prepositions, conjunctions,
// pronouns, auxiliaries ("5 of the centers", "40 were established", "3 in 2019").
const FormSet& FunctionWords() {
  static const FormSet kWords = WordFormSet(WordList("function_words"));
  return kWords;
}

// Heads that make the number a duration, a measure, money or a rate, not a count of things.
const FormSet& NonCountHeads() {
  static const FormSet kWords = WordFormSet(WordList("non_count_heads"));
  return kWords;
}

// Words before a label number ("section 5", "H.R. 1234"), lowercase, and the month names ("Jan 5"
// labels a day).
const FormSet& LabelWords() {
  static const FormSet kWords = [] {
    FormSet out = WordFormSet(WordList("label_words"));
    for (std::string month : WordFormSet(WordList("months"))) {
      for (char& c : month) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      out.insert(std::move(month));
    }
    return out;
  }();
  return kWords;
}

// Strips surrounding punctuation but keeps inner dots ("H.R." -> "h.r", "(No." -> "no").
std::string Token(std::string_view t) {
  while (!t.empty() && std::ispunct(static_cast<unsigned char>(t.front())) && t.front() != '#' &&
         static_cast<unsigned char>(t.front()) < 0x80) {
    t.remove_prefix(1);
  }
  while (!t.empty() && std::ispunct(static_cast<unsigned char>(t.back())) && t.back() != '#') t.remove_suffix(1);
  return Lower(t);
}

}  // namespace

bool IsLabelWord(std::string_view token) {
  std::string t = Token(token);
  if (t.empty()) return false;
  return LabelWords().count(t) > 0;
}

namespace {

// "Washington, DC 20500": five bare digits after a state code are a ZIP code.
bool IsZipCode(std::string_view pre, std::string_view number) {
  std::string p = Token(pre);
  if (p.size() != 2 || number.size() != 5) return false;
  for (char c : pre) {
    if (std::islower(static_cast<unsigned char>(c))) return false;
  }
  for (char c : number) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> CountedNoun(std::string_view words) {
  std::vector<std::string_view> w = Words(words);
  // "40 such centers", "two such members": "such" points back to the counted noun, no word of it.
  if (w.size() > 1 && (w.front() == "such" || w.front() == "Such")) w.erase(w.begin());
  if (w.empty()) return std::nullopt;
  std::string head = Lower(w.back());
  while (!head.empty() && (head.back() == '\'' || head.back() == '-')) head.pop_back();
  if (head.size() < 2 || NonCountHeads().count(head) > 0 || FunctionWords().count(head) > 0) return std::nullopt;
  for (size_t i = 0; i + 1 < w.size(); ++i) {
    std::string mod = Lower(w[i]);
    // "5 scientific and engineering positions": a conjunction may join modifiers, never lead them.
    if ((mod == "and" || mod == "or") && i > 0) continue;
    if (FunctionWords().count(mod) > 0 || NonCountHeads().count(mod) > 0) return std::nullopt;
  }
  std::string out;
  for (std::string_view x : w) {
    if (!out.empty()) out += ' ';
    out += x;
  }
  return out;
}

namespace {

bool IsCapitalized(std::string_view w) { return !w.empty() && std::isupper(static_cast<unsigned char>(w[0])); }

// Every word of the unit starts with a capital: "Fishers Lane", "Revised Statutes", "Health Programs".
bool IsProperName(std::string_view unit) {
  for (std::string_view w : Words(unit)) {
    if (!IsCapitalized(w) && w != "and" && w != "of") return false;
  }
  return true;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// True when `at` (a pointer into the document's view) starts a sentence.
bool StartsSentence(const Document& doc, const char* at) {
  const std::string& view = doc.view.text();
  if (at < view.data() || at > view.data() + view.size()) return false;
  const auto offset = static_cast<uint32_t>(at - view.data());
  const int32_t i = doc.SentenceIndexAt(offset);
  return i >= 0 && doc.sentences[static_cast<size_t>(i)].start == offset;
}

// True when the number starting at `number` ends a list of labels: "Executive Orders 12866 and
// 13563 direct", "sections 5, 6 and 7 programs" (numbers joined by commas, "and", "or", after a
// label word), read back within the sentence.
bool EndsLabelList(const RuleMatch& m, std::string_view number) {
  const std::string& view = m.doc().view.text();
  if (number.data() < view.data() || number.data() > view.data() + view.size()) return false;
  const int32_t sentence = m.doc().SentenceIndexAt(static_cast<uint32_t>(number.data() - view.data()));
  const size_t from = sentence < 0 ? 0 : m.doc().sentences[static_cast<size_t>(sentence)].start;
  const std::vector<std::string_view> before =
      Words(std::string_view(view).substr(from, static_cast<size_t>(number.data() - view.data()) - from));
  bool joined = false, numbers = false;
  for (auto it = before.rbegin(); it != before.rend(); ++it) {
    const std::string t = Token(*it);
    if (!joined) {  // the joining word right before the number
      if (t != "and" && t != "or" && !it->ends_with(",")) return false;
      joined = true;
      if (t == "and" || t == "or") continue;
    }
    if (AllDigits(t)) {
      numbers = true;
      continue;
    }
    if (t == "and" || t == "or") continue;
    return numbers && IsLabelWord(*it);
  }
  return false;
}

// Numbers that are parts of names, addresses and notes rather than counts.
bool LooksLikeLabel(const RuleMatch& m, std::string_view number, std::string_view unit) {
  if (m.Has("qualifier")) return false;
  const bool initial = StartsSentence(m.doc(), number.data());
  // "6 DOE uses the term ...": a bare number opening a sentence is a footnote or list marker.
  if (initial && AllDigits(number)) return true;
  // "the Top Five Funders list", "the Six Assurances": a capitalized number word inside a name.
  if (!initial && IsCapitalized(number)) return true;
  // "5601 Fishers Lane", "Tribally-Operated 638 Health Programs": an unseparated number of three
  // or more digits before a capitalized name.
  if (AllDigits(number) && number.size() >= 3 && IsProperName(unit)) return true;
  // "ITAC 11 Textiles and Clothing", "Special Age 72 Payments": a capitalized word, a number and a
  // capitalized name are one name (but "Germany's 16 States" and "In 50 States" count).
  std::string_view pre = m.Group("pre");
  if (IsCapitalized(pre) && !pre.ends_with("'s") && FunctionWords().count(Lower(pre)) == 0 && IsProperName(unit)) {
    return true;
  }
  return false;
}

}  // namespace

bool NormalizeCount(const RuleMatch& m, NormalizedValue* out) {
  if (m.Has("pre") && (IsLabelWord(m.Group("pre")) || IsZipCode(m.Group("pre"), m.Group("number")))) return false;
  std::string_view number = m.Group("number");
  if (EndsLabelList(m, number)) return false;
  // "Industrie 4.0 factories", "2.5 members": a decimal counts only with a scale ("1.5 million").
  if (number.find('.') != std::string_view::npos && !TrailingScale(number)) return false;
  auto n = ParseNumber(number);
  if (!n) return false;
  auto value = n->ToInt64();
  const Json& params = m.rule().params;
  const bool allow_one = params.is_object() && params.value("allow_one", false);
  if (!value || *value <= 0 || (*value == 1 && !allow_one)) return false;
  std::string_view words = m.Group("unit");
  std::string trimmed;
  if (params.is_object() && params.value("trim_unit", false)) {
    // A singular noun has no plural ending to stop at: the phrase ends before the first function word.
    for (std::string_view w : Words(words)) {
      if (FunctionWords().count(Lower(w)) > 0) break;
      if (!trimmed.empty()) trimmed += ' ';
      trimmed.append(w);
    }
    words = trimmed;
  }
  auto unit = CountedNoun(words);
  if (!unit || LooksLikeLabel(m, number, *unit)) return false;
  if (m.Has("per")) return false;  // "168 parts per billion", "5 cases per 1,000": rates, not counts
  if (params.is_object() && params.value("reject_proper_unit", false) && IsProperName(*unit)) return false;
  out->value = *value;
  out->unit = *unit;
  if (m.Has("qualifier")) out->mod = QualifierMod(m.Group("qualifier"));
  return true;
}

}  // namespace policygraph
