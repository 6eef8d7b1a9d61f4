#include "pipeline/rules/atom_filter.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "pipeline/rules/prefilter.h"

namespace policygraph {

AtomFilter::AtomFilter(const std::vector<const std::string*>& patterns)
    : id_of_(patterns.size(), -1), filtered_(patterns.size(), false) {
  const RE2::Options opts = RulePatternOptions();  // read as the rules themselves are
  for (size_t i = 0; i < patterns.size(); ++i) {
    int id = -1;
    if (filter_.Add(*patterns[i], opts, &id) == RE2::NoError) {
      pattern_of_.push_back(static_cast<int>(i));
      id_of_[i] = id;
    }
  }
  if (pattern_of_.empty()) return;
  std::vector<std::string> atoms;
  filter_.Compile(&atoms);
  if (atoms.empty()) return;
  RE2::Options literal;
  literal.set_log_errors(false);
  literal.set_max_mem(int64_t{64} << 20);
  auto set = std::make_unique<RE2::Set>(literal, RE2::UNANCHORED);
  for (const std::string& atom : atoms) {
    if (set->Add(RE2::QuoteMeta(atom), nullptr) < 0) return;
  }
  if (!set->Compile()) return;
  atoms_ = std::move(set);
  // With no atom found, only the unfiltered patterns are potential matches.
  std::vector<int> unfiltered;
  filter_.AllPotentials({}, &unfiltered);
  std::vector<bool> always(pattern_of_.size(), false);
  for (int id : unfiltered) always[static_cast<size_t>(id)] = true;
  for (size_t id = 0; id < pattern_of_.size(); ++id) filtered_[static_cast<size_t>(pattern_of_[id])] = !always[id];
}

const std::vector<int>& AtomFilter::Candidates(std::string_view text, Scratch& scratch) const {
  scratch.rules.clear();
  if (atoms_ == nullptr) return scratch.rules;
  FoldCase(text, scratch.folded);
  scratch.atoms.clear();
  RE2::Set::ErrorInfo info;
  if (!atoms_->Match(scratch.folded, &scratch.atoms, &info) && info.kind != RE2::Set::kNoError) {
    // The atoms' automaton ran out of memory: every filtered pattern may match.
    for (size_t i = 0; i < filtered_.size(); ++i) {
      if (filtered_[i]) scratch.rules.push_back(static_cast<int>(i));
    }
    return scratch.rules;
  }
  std::vector<int>& ids = scratch.rules;
  filter_.AllPotentials(scratch.atoms, &ids);  // sorted ids, unfiltered ones included
  size_t kept = 0;
  for (int id : ids) {
    const int pattern = pattern_of_[static_cast<size_t>(id)];
    if (filtered_[static_cast<size_t>(pattern)]) ids[kept++] = pattern;
  }
  ids.resize(kept);
  return ids;
}

void FoldCase(std::string_view text, std::string& out) {
  out.clear();
  out.reserve(text.size());
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < n) {
    const uint8_t b = s[i];
    if (b < 0x80) {
      out.push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b));
      ++i;
      continue;
    }
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) {
      out.append(text.substr(static_cast<size_t>(start), static_cast<size_t>(i - start)));
      continue;
    }
    char buf[U8_MAX_LENGTH];
    int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, u_foldCase(c, U_FOLD_CASE_DEFAULT));
    out.append(buf, static_cast<size_t>(len));
  }
}

}  // namespace policygraph
