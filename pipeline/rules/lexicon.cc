// Lexicon: surface index and the RE2 alternation of its surface forms.
#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>

#include "pipeline/rules/rule.h"

namespace policygraph {
namespace {

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

// "Environmental Protection Agency" -> "ENVIRONMENTAL PROTECTION AGENCY", as headings write it;
// empty unless the form is ASCII, of two words or more and has a lowercase letter (a one-word
// form in capitals is too often something else: "AIM", "CHIPS").
std::string AllCaps(std::string_view s) {
  if (s.find(' ') == std::string_view::npos) return {};
  bool lower = false;
  std::string out(s);
  for (char& c : out) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x80) return {};
    lower = lower || std::islower(u);
    c = static_cast<char>(std::toupper(u));
  }
  return lower ? out : std::string();
}

// A literal surface form as an RE2 piece: quoted, with each space matching one whitespace
// character of the normalized view (which has collapsed runs), bounded by \b at word edges.
// `sentence_initial`: the piece matches only at the start of the sentence (rules match one
// sentence at a time, so that is ^).
std::string Piece(std::string_view surface, bool sentence_initial) {
  std::string out = sentence_initial ? "^" : "";
  if (IsAsciiWordByte(static_cast<unsigned char>(surface.front()))) out += "\\b";
  size_t i = 0;
  while (i < surface.size()) {
    size_t sp = surface.find(' ', i);
    if (sp == std::string_view::npos) sp = surface.size();
    out += RE2::QuoteMeta(std::string(surface.substr(i, sp - i)));
    if (sp < surface.size()) out += "\\s";
    i = sp + 1;
  }
  if (IsAsciiWordByte(static_cast<unsigned char>(surface.back()))) out += "\\b";
  return out;
}

}  // namespace

void Lexicon::Index() { index_ = std::make_unique<IndexState>(); }

namespace {

// Runs `build` once for `part` (a Lexicon::Built), on the first call; the others wait for it.
template <typename Part, typename Build>
void BuildOnce(Part& part, Build build) {
  if (part.ready.load(std::memory_order_acquire)) return;
  std::call_once(part.once, [&] {
    build();
    part.ready.store(true, std::memory_order_release);
  });
}

}  // namespace

void Lexicon::EnsureSurfaces() const {
  BuildOnce(index_->surfaces, [this] { BuildSurfaces(); });
}

void Lexicon::EnsureTrie() const {
  BuildOnce(index_->trie, [this] { BuildTrie(); });
}

void Lexicon::BuildSurfaces() const {
  exact_.clear();
  folded_.clear();
  for (uint32_t i = 0; i < entries.size(); ++i) {
    for (const std::string& s : entries[i].surfaces) {
      exact_.emplace(s, i);
      folded_.emplace(Fold(s), i);
    }
  }
}

void Lexicon::BuildTrie() const {
  const std::map<std::string, std::pair<uint32_t, bool>> forms = Forms();
  ByteTrie::Builder builder;
  form_end_.assign(1, FormEnd{});
  for (const auto& [form, info] : forms) {
    const uint32_t node = builder.Insert(form);
    form_end_.resize(builder.size());
    // Two forms differing only in case map to different nodes; a form listed twice keeps its
    // first entry, as the surface index does.
    if (form_end_[node].entry < 0) form_end_[node] = {static_cast<int32_t>(info.first), info.second};
  }
  trie_ = std::move(builder).Finish();
  first_pairs_.assign(65536 / 64, 0);
  starts_with_space_ = false;
  for (const auto& [form, info] : forms) {
    const unsigned a = static_cast<unsigned char>(form[0]);
    if (StartsWithSpace(form)) starts_with_space_ = true;
    if (form.size() == 1) {
      for (unsigned b = 0; b < 256; ++b) first_pairs_[(a << 8 | b) / 64] |= uint64_t{1} << ((a << 8 | b) % 64);
    } else {
      const unsigned pair = a << 8 | static_cast<unsigned char>(form[1]);
      first_pairs_[pair / 64] |= uint64_t{1} << (pair % 64);
    }
  }
}

size_t Lexicon::LongestAt(std::string_view text, size_t pos, const LexiconEntry** entry) const {
  EnsureTrie();
  size_t best = 0;
  WalkForms(
      trie_, text, pos,
      [&](uint32_t node) {
        const FormEnd& end = form_end_[node];
        return end.entry >= 0 && !(end.initial_only && pos != 0);
      },
      [&](uint32_t node, size_t end) {
        best = end;  // the walk goes on: a later form is a longer one
        if (entry != nullptr) *entry = &entries[static_cast<size_t>(form_end_[node].entry)];
      });
  return best;
}

std::optional<LexiconHit> Lexicon::FindFirst(std::string_view text, size_t from) const {
  EnsureTrie();
  if (trie_.size() == 0) return std::nullopt;
  for (size_t pos = from; pos < text.size(); ++pos) {
    const unsigned char c = static_cast<unsigned char>(text[pos]);
    if (!trie_.RootHas(c)) continue;
    if (IsAsciiWordByte(c) && pos > 0 && IsAsciiWordByte(static_cast<unsigned char>(text[pos - 1]))) continue;  // \b
    if (!PairMayStart(text, pos)) continue;
    const LexiconEntry* entry = nullptr;
    if (size_t end = LongestAt(text, pos, &entry); end > pos) return LexiconHit{pos, end, entry};
  }
  return std::nullopt;
}

bool Lexicon::PairMayStart(std::string_view text, size_t pos) const {
  if (pos + 1 >= text.size()) return true;
  char next = text[pos + 1];
  if (next == '\n' || next == '\t' || next == '\r') next = ' ';  // as LongestAt reads it
  const unsigned pair = static_cast<unsigned char>(text[pos]) << 8 | static_cast<unsigned char>(next);
  return (first_pairs_[pair / 64] >> (pair % 64) & 1) != 0;
}

std::optional<LexiconHit> Lexicon::FindFirst(std::string_view text, std::span<const uint32_t> starts) const {
  EnsureTrie();
  if (trie_.size() == 0 || starts.empty()) return std::nullopt;
  if (starts_with_space_) return FindFirst(text, starts.front());
  for (uint32_t pos : starts) {
    if (!trie_.RootHas(static_cast<unsigned char>(text[pos])) || !PairMayStart(text, pos)) continue;
    const LexiconEntry* entry = nullptr;
    if (size_t end = LongestAt(text, pos, &entry); end > pos) return LexiconHit{pos, end, entry};
  }
  return std::nullopt;
}

void FormStarts(std::string_view text, std::vector<uint32_t>& out) {
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const bool space = c == ' ' || (c >= '\t' && c <= '\r');  // std::isspace in the C locale
    const bool start = i == 0 || ((c & 0xC0) != 0x80 && !space &&
                                  !(IsAsciiWordByte(c) && IsAsciiWordByte(static_cast<unsigned char>(text[i - 1]))));
    if (start) out.push_back(static_cast<uint32_t>(i));
  }
}

const LexiconEntry* Lexicon::Find(std::string_view surface) const {
  EnsureSurfaces();
  std::string key(surface);
  // The view may hold a newline where the surface form has a space.
  std::replace(key.begin(), key.end(), '\n', ' ');
  if (auto it = exact_.find(key); it != exact_.end()) return &entries[it->second];
  if (auto it = folded_.find(Fold(key)); it != folded_.end()) return &entries[it->second];
  return nullptr;
}

std::map<std::string, std::pair<uint32_t, bool>> Lexicon::Forms() const {
  std::map<std::string, std::pair<uint32_t, bool>> forms;
  for (uint32_t i = 0; i < entries.size(); ++i) {
    for (const std::string& s : entries[i].surfaces) {
      if (!s.empty()) forms.emplace(s, std::make_pair(i, false));
    }
  }
  // A variant never replaces a surface form spelled the same; the first entry keeps a form.
  for (uint32_t i = 0; i < entries.size(); ++i) {
    for (const std::string& s : entries[i].surfaces) {
      if (std::string cap = Capitalized(s); !cap.empty()) forms.emplace(cap, std::make_pair(i, true));
      if (std::string caps = AllCaps(s); !caps.empty()) forms.emplace(caps, std::make_pair(i, false));
    }
  }
  return forms;
}

std::string Lexicon::Alternation() const {
  std::vector<std::pair<std::string, bool>> sorted;
  for (const auto& [form, info] : Forms()) sorted.emplace_back(form, info.second);
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
