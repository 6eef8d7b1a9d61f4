#include "stages/acronyms/schwartz_hearst.h"

#include <algorithm>
#include <cctype>

namespace policygraph {
namespace {

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

size_t CountWords(std::string_view s) {
  size_t n = 0;
  bool in_word = false;
  for (char c : s) {
    if (IsSpace(c)) {
      in_word = false;
    } else if (!in_word) {
      in_word = true;
      ++n;
    }
  }
  return n;
}

// [start, end) without surrounding whitespace.
void Trim(std::string_view text, size_t& start, size_t& end) {
  while (start < end && IsSpace(text[start])) ++start;
  while (end > start && IsSpace(text[end - 1])) --end;
}

// The longest a long form may be, in words (Schwartz–Hearst: min(|SF| + 5, 2 |SF|)).
size_t MaxLongFormWords(std::string_view short_form) {
  return std::min(short_form.size() + 5, short_form.size() * 2);
}

// Accepts `long_form` for `short_form` as the original algorithm does: longer than the short
// form, not containing it as a word, and within the word limit.
bool AcceptableLongForm(std::string_view short_form, std::string_view long_form) {
  if (long_form.size() <= short_form.size()) return false;
  if (CountWords(long_form) > MaxLongFormWords(short_form)) return false;
  size_t at = long_form.find(short_form);
  while (at != std::string_view::npos) {
    const bool starts = at == 0 || !IsAlnum(long_form[at - 1]);
    const size_t end = at + short_form.size();
    const bool ends = end == long_form.size() || !IsAlnum(long_form[end]);
    if (starts && ends) return false;
    at = long_form.find(short_form, at + 1);
  }
  return true;
}

// Cuts a parenthesized short form at "; " or ", " ("MIIT, 2015" -> "MIIT").
size_t CutAtSeparator(std::string_view text, size_t start, size_t end) {
  for (size_t i = start; i + 1 < end; ++i) {
    if ((text[i] == ';' || text[i] == ',') && IsSpace(text[i + 1])) return i;
  }
  return end;
}

}  // namespace

bool IsShortFormCandidate(std::string_view s) {
  if (s.size() < 2 || s.size() > 10 || !IsAlnum(s.front())) return false;
  if (CountWords(s) > 2) return false;
  bool letter = false, upper = false;
  for (char c : s) {
    letter |= std::isalpha(static_cast<unsigned char>(c)) != 0;
    upper |= std::isupper(static_cast<unsigned char>(c)) != 0;
    if (c == '(' || c == ')' || c == '"') return false;
  }
  return letter && upper;
}

size_t BestLongFormStart(std::string_view short_form, std::string_view candidate) {
  if (short_form.empty() || candidate.empty()) return std::string_view::npos;
  long s = static_cast<long>(short_form.size()) - 1;
  long l = static_cast<long>(candidate.size()) - 1;
  for (; s >= 0; --s) {
    const char c = Lower(short_form[s]);
    if (!IsAlnum(c)) continue;
    // Move left to a matching character; the short form's first character must also start a word.
    while ((l >= 0 && Lower(candidate[l]) != c) || (s == 0 && l > 0 && IsAlnum(candidate[l - 1]))) --l;
    if (l < 0) return std::string_view::npos;
    --l;
  }
  // Extend to the start of the whitespace-delimited word holding the first matched character.
  const size_t first = static_cast<size_t>(l + 1);
  const size_t space = first == 0 ? std::string_view::npos : candidate.rfind(' ', first - 1);
  return space == std::string_view::npos ? 0 : space + 1;
}

std::vector<AbbreviationDefinition> FindAbbreviationDefinitions(std::string_view text) {
  std::vector<AbbreviationDefinition> out;
  size_t open = text.find('(');
  while (open != std::string_view::npos) {
    const size_t close = text.find(')', open + 1);
    if (close == std::string_view::npos) break;
    const size_t next_open = text.find('(', open + 1);
    if (next_open < close || open == 0 || !IsSpace(text[open - 1])) {  // nested, or "5(a)"
      open = next_open;
      continue;
    }
    size_t in_start = open + 1, in_end = CutAtSeparator(text, open + 1, close);
    Trim(text, in_start, in_end);
    // "(the PRA)" defines "PRA"; "(the Act)", "(the Bank)" define no abbreviation but a defined term,
    // an anaphor whose referent changes from notice to notice: no short form.
    bool after_the = false;
    if (in_end - in_start > 4 && (text.substr(in_start, 4) == "the " || text.substr(in_start, 4) == "The ")) {
      after_the = true;
      in_start += 4;
    }
    const std::string_view inside = text.substr(in_start, in_end - in_start);
    if (after_the && std::count_if(inside.begin(), inside.end(), [](char c) {
                       return std::isupper(static_cast<unsigned char>(c)) != 0;
                     }) < 2) {
      open = text.find('(', close + 1);
      continue;
    }
    if (IsShortFormCandidate(inside)) {
      // "long form (SF)": the long form ends before the parenthesis, within the word limit.
      size_t before_end = open;
      size_t before_start = 0;
      Trim(text, before_start, before_end);
      size_t window = before_end, words = 0;
      while (window > 0 && words < MaxLongFormWords(inside)) {
        while (window > 0 && IsSpace(text[window - 1])) --window;
        while (window > 0 && !IsSpace(text[window - 1])) --window;
        ++words;
      }
      const std::string_view candidate = text.substr(window, before_end - window);
      const size_t at = BestLongFormStart(inside, candidate);
      if (at != std::string_view::npos && AcceptableLongForm(inside, candidate.substr(at))) {
        out.push_back({in_start, in_end, window + at, before_end, false});
      }
    } else if (CountWords(inside) >= 2) {
      // "SF (long form)": the short form is the word before the parenthesis.
      size_t sf_end = open;
      while (sf_end > 0 && IsSpace(text[sf_end - 1])) --sf_end;
      size_t sf_start = sf_end;
      while (sf_start > 0 && !IsSpace(text[sf_start - 1])) --sf_start;
      while (sf_start < sf_end && !IsAlnum(text[sf_start])) ++sf_start;  // opening quotes
      const std::string_view sf = text.substr(sf_start, sf_end - sf_start);
      if (IsShortFormCandidate(sf)) {
        const size_t at = BestLongFormStart(sf, inside);
        // The whole parenthesis (after an optional "the") must be the long form.
        const bool whole = at == 0 || (at == 4 && inside.substr(0, 4) == "the ");
        if (at != std::string_view::npos && whole && AcceptableLongForm(sf, inside.substr(at))) {
          out.push_back({sf_start, sf_end, in_start + at, in_end, true});
        }
      }
    }
    open = text.find('(', close + 1);
  }
  return out;
}

}  // namespace policygraph
