// Lexicon: surface index and the RE2 alternation of its surface forms.
#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <set>

#include "pipeline/rules/rule.h"

namespace policygraph {
namespace {

bool IsWordByte(unsigned char c) { return std::isalnum(c) || c == '_'; }

std::string Fold(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "aerospace" -> "Aerospace"; empty when the form does not start with a lowercase ASCII letter.
std::string Capitalized(std::string_view s) {
  if (s.empty() || !std::islower(static_cast<unsigned char>(s[0]))) return {};
  std::string out(s);
  out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

// A literal surface form as an RE2 piece: quoted, with each space matching one whitespace
// character of the normalized view (which has collapsed runs), bounded by \b at word edges.
// `sentence_initial`: the piece matches only at the start of the sentence (rules match one
// sentence at a time, so that is ^).
std::string Piece(std::string_view surface, bool sentence_initial) {
  std::string out = sentence_initial ? "^" : "";
  if (IsWordByte(static_cast<unsigned char>(surface.front()))) out += "\\b";
  size_t i = 0;
  while (i < surface.size()) {
    size_t sp = surface.find(' ', i);
    if (sp == std::string_view::npos) sp = surface.size();
    out += RE2::QuoteMeta(std::string(surface.substr(i, sp - i)));
    if (sp < surface.size()) out += "\\s";
    i = sp + 1;
  }
  if (IsWordByte(static_cast<unsigned char>(surface.back()))) out += "\\b";
  return out;
}

}  // namespace

void Lexicon::Index() {
  exact_.clear();
  folded_.clear();
  for (uint32_t i = 0; i < entries.size(); ++i) {
    for (const std::string& s : entries[i].surfaces) {
      exact_.emplace(s, i);
      folded_.emplace(Fold(s), i);
    }
  }
}

const LexiconEntry* Lexicon::Find(std::string_view surface) const {
  std::string key(surface);
  // The view may hold a newline where the surface form has a space.
  std::replace(key.begin(), key.end(), '\n', ' ');
  if (auto it = exact_.find(key); it != exact_.end()) return &entries[it->second];
  if (auto it = folded_.find(Fold(key)); it != folded_.end()) return &entries[it->second];
  return nullptr;
}

std::string Lexicon::Alternation() const {
  // form -> true when it may match only at the start of a sentence (the capitalized variant of a
  // lowercase form: "Aerospace is ..." but not "Committee on Agriculture").
  std::map<std::string, bool> forms;
  for (const LexiconEntry& e : entries) {
    for (const std::string& s : e.surfaces) {
      if (!s.empty()) forms[s] = false;
    }
  }
  for (const LexiconEntry& e : entries) {
    for (const std::string& s : e.surfaces) {
      if (std::string cap = Capitalized(s); !cap.empty()) forms.emplace(cap, true);
    }
  }
  std::vector<std::pair<std::string, bool>> sorted(forms.begin(), forms.end());
  // Longest first, so that RE2's leftmost-first alternation prefers "U.S.A." over "U.S.".
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  std::string out = "(?:";
  for (size_t i = 0; i < sorted.size(); ++i) {
    if (i) out += '|';
    out += Piece(sorted[i].first, sorted[i].second);
  }
  out += ')';
  return out;
}

}  // namespace policygraph
