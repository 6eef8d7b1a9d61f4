#include "stages/relations/clause.h"

#include <algorithm>
#include <cctype>

namespace policygraph {
namespace {

// ASCII letters and the apostrophe (as in the C locale, without its per-call cost).
bool IsWordByte(char c) {
  const char folded = static_cast<char>(c | 0x20);
  return (folded >= 'a' && folded <= 'z') || c == '\'';
}

char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

}  // namespace

ClauseReader::ClauseReader(std::string_view text, std::vector<ClauseSlot> slots, const ClauseWords& words)
    : text_(text), slots_(std::move(slots)), words_(words) {
  // Parentheses (outermost) are set aside.
  int depth = 0;
  uint32_t open = 0;
  std::vector<uint32_t> dashes;
  for (uint32_t i = 0; i < text_.size(); ++i) {
    const char c = text_[i];
    if (c == '(') {
      if (depth++ == 0) open = i;
    } else if (c == ')' && depth > 0) {
      if (--depth == 0) aside_.emplace_back(open, i + 1);
    } else if (depth == 0 && c == ';') {
      breaks_.push_back(i);
    } else if (depth == 0 && c == ':') {
      colons_.push_back(i);
    } else if (depth == 0 && c == '-' && i > 0 && i + 1 < text_.size() && text_[i - 1] == ' ' && text_[i + 1] == ' ') {
      dashes.push_back(i);
    }
  }
  // Spaced dashes in pairs set aside what they enclose ("eight countries - A, B and C - to
  // promote"); an unpaired one breaks the clause.
  for (size_t i = 0; i + 1 < dashes.size(); i += 2) aside_.emplace_back(dashes[i], dashes[i + 1] + 1);
  if (dashes.size() % 2 == 1) breaks_.push_back(dashes.back());
  std::sort(aside_.begin(), aside_.end());
  std::sort(breaks_.begin(), breaks_.end());
  lower_.assign(text_);
  for (char& c : lower_) c = AsciiLower(c);
  size_t next_slot = 0;
  uint32_t i = 0;
  const uint32_t n = static_cast<uint32_t>(text_.size());
  while (i < n) {
    while (next_slot < slots_.size() && slots_[next_slot].end <= i) ++next_slot;
    if (next_slot < slots_.size() && slots_[next_slot].start <= i) {  // a placeholder is no word
      i = slots_[next_slot].end;
      continue;
    }
    if (!IsWordByte(text_[i]) || (i > 0 && IsWordByte(text_[i - 1]))) {
      ++i;
      continue;
    }
    uint32_t j = i;
    while (j < n && IsWordByte(text_[j])) ++j;
    words_by_offset_.emplace_back(i, std::string_view(lower_).substr(i, j - i));
    i = j;
  }
}

bool ClauseReader::SetAside(uint32_t a, uint32_t b, uint32_t keep) const {
  for (const auto& [s, e] : aside_) {
    if (keep >= s && keep < e) continue;  // the trigger's own parenthesis is its clause
    if (a >= s && b <= e) return true;
  }
  return false;
}

bool ClauseReader::Visible(int i, uint32_t keep) const {
  return slots_[i].value || !SetAside(slots_[i].start, slots_[i].end, keep);
}

bool ClauseReader::Possessor(int i) const {
  const uint32_t e = slots_[i].end;
  return text_.substr(e, 2) == "'s" || (e < text_.size() && text_[e] == '\'' && e + 1 < text_.size() && text_[e + 1] == ' ');
}

std::vector<std::pair<uint32_t, std::string_view>> ClauseReader::WordsIn(uint32_t from, uint32_t to, uint32_t keep,
                                                                         size_t max_words) const {
  std::vector<std::pair<uint32_t, std::string_view>> out;
  auto it = std::lower_bound(words_by_offset_.begin(), words_by_offset_.end(), from,
                             [](const auto& w, uint32_t pos) { return w.first < pos; });
  for (; it != words_by_offset_.end() && it->first < to && out.size() < max_words; ++it) {
    const uint32_t end = it->first + static_cast<uint32_t>(it->second.size());
    if (end > to) break;
    if (!SetAside(it->first, end, keep)) out.emplace_back(it->first, it->second);
  }
  return out;
}

size_t ClauseReader::CountWordsIn(uint32_t from, uint32_t to, uint32_t keep, size_t cap) const {
  size_t count = 0;
  auto it = std::lower_bound(words_by_offset_.begin(), words_by_offset_.end(), from,
                             [](const auto& w, uint32_t pos) { return w.first < pos; });
  for (; it != words_by_offset_.end() && it->first < to && count <= cap; ++it) {
    const uint32_t end = it->first + static_cast<uint32_t>(it->second.size());
    if (end > to) break;
    if (!SetAside(it->first, end, keep)) ++count;
  }
  return count;
}

bool ClauseReader::Passive(uint32_t ts, uint32_t te) const {
  // Only a participle can be passive ("is investing", "loans under the Act" are not).
  std::string last(text_.substr(ts, te - ts));
  last = last.substr(last.find_last_of(' ') == std::string::npos ? 0 : last.find_last_of(' ') + 1);
  for (char& c : last) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!last.ends_with("ed") && !words_.participles.count(last)) return false;
  // "established by this Act", "designated pursuant to": the agent or authority follows.
  auto it = std::lower_bound(words_by_offset_.begin(), words_by_offset_.end(), te,
                             [](const auto& w, uint32_t pos) { return w.first < pos; });
  if (it != words_by_offset_.end() && words_.passive_after.count(it->second) &&
      text_.substr(te, it->first - te).find_first_not_of(' ') == std::string_view::npos) {
    return true;
  }
  // "as authorized", "was designated": a be-form or "as" right before.
  auto before = std::lower_bound(words_by_offset_.begin(), words_by_offset_.end(), ts,
                                 [](const auto& w, uint32_t pos) { return w.first < pos; });
  if (before == words_by_offset_.begin()) return false;
  --before;
  const uint32_t end = before->first + static_cast<uint32_t>(before->second.size());
  return words_.passive_before.count(before->second) &&
         text_.substr(end, ts - end).find_first_not_of(' ') == std::string_view::npos;
}

std::pair<uint32_t, uint32_t> ClauseReader::ClauseAround(uint32_t ts, uint32_t te) const {
  uint32_t from = 0, to = static_cast<uint32_t>(text_.size());
  for (uint32_t b : breaks_) {
    if (SetAside(b, b + 1, ts)) continue;
    if (b < ts) from = b + 1;
    if (b >= te) {
      to = b;
      break;
    }
  }
  return {from, to};
}

ClauseReader::Opening ClauseReader::OpeningBefore(uint32_t from, uint32_t ts) const {
  Opening o{from, from, false, false, false};
  for (const auto& [pos, w] : WordsIn(from, ts, ts)) {
    uint32_t p = pos;
    while (p > from && text_[p - 1] == ' ') --p;
    const bool after_comma = p > from && text_[p - 1] == ',';
    // ", and" opens a clause, except at the end of a list of placeholders ("⟨ORG⟩, and ⟨ORG⟩").
    const bool list_end = after_comma && p >= 4 && text_.substr(p - 4, 3) == "\xE2\x9F\xA9";
    if (words_.relatives.count(w) || words_.subordinators.count(w) ||
        (after_comma && !list_end && words_.coordinators.count(w))) {
      const bool relative = words_.relatives.count(w) > 0;
      const bool coordinator = !relative && !words_.subordinators.count(w);
      o = {pos + static_cast<uint32_t>(w.size()), pos, true, relative, coordinator};
    }
  }
  return o;
}

bool ClauseReader::Interrupted(int i, uint32_t from, uint32_t ts) const {
  // The comma before the slot opens an interrupter when the word after it is one; the phrase
  // must close with a comma before the trigger.
  const ClauseSlot& s = slots_[i];
  size_t comma = text_.rfind(',', s.start);
  if (comma == std::string_view::npos || comma < from) return false;
  const auto first = WordsIn(static_cast<uint32_t>(comma + 1), s.start + 1, ts, 1);
  if (first.empty() || !words_.interrupters.count(first.front().second)) return false;
  const size_t close = text_.find(',', s.end);
  return close != std::string_view::npos && close < ts;
}

int ClauseReader::Head(const FrameSlot& slot, uint32_t from, uint32_t ts, uint32_t clause_start) const {
  for (uint32_t c : colons_) {
    if (c < ts && c >= from && !SetAside(c, c + 1, ts)) from = clause_start = c + 1;
  }
  // An infinitive's subject is the one told to act: "directed ⟨ORG⟩ to provide".
  {
    size_t p = ts;
    while (p > from && text_[p - 1] == ' ') --p;
    if (p >= from + 2 && text_.substr(p - 2, 2) == "to" && (p - 2 == from || text_[p - 3] == ' ')) {
      size_t q = p - 2;
      while (q > from && text_[q - 1] == ' ') --q;
      for (int i = static_cast<int>(slots_.size()) - 1; i >= 0; --i) {
        if (slots_[i].end == q && q > from) {
          if (slot.Accepts(*slots_[i].type) && Visible(i, ts)) return i;
          break;
        }
      }
    }
  }
  const Opening o = OpeningBefore(from, ts);
  uint32_t start = o.start;
  const uint32_t opener = o.opener;
  const bool relative = o.relative, opened = o.opened, coordinated = o.coordinated;
  // An introductory phrase ("In July 2022,", "Through the X program, however,") is no subject.
  for (int round = 0; round < 2; ++round) {
    const auto first = WordsIn(start, ts, ts, 1);
    const bool date_first = std::any_of(slots_.begin(), slots_.end(), [&](const ClauseSlot& s) {
      return s.start >= start && *s.type == "DATE" && text_.substr(start, s.start - start).find_first_not_of(" ,") == std::string_view::npos;
    });
    if (first.empty() && !date_first) break;
    // Before the first word only punctuation, a bullet or a list number ("- ", "2. ").
    const bool first_opens = !first.empty() && std::none_of(text_.begin() + start, text_.begin() + first.front().first,
                                                            [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
    const bool intro = date_first || (first_opens && words_.intro.count(first.front().second));
    if (!intro) break;
    size_t comma = text_.find(',', start);
    while (comma != std::string_view::npos && comma < ts && SetAside(comma, comma + 1, ts)) comma = text_.find(',', comma + 1);
    if (comma == std::string_view::npos || comma >= ts) break;
    start = static_cast<uint32_t>(comma + 1);
  }
  int first = -1, first_possessor = -1;
  for (int i = 0; i < static_cast<int>(slots_.size()); ++i) {
    const ClauseSlot& s = slots_[i];
    if (s.start < start || s.end > ts || !slot.Accepts(*s.type) || !Visible(i, ts)) continue;
    if (s.region_of_previous || Interrupted(i, start, ts)) continue;
    if (!Possessor(i)) {
      first = i;
      break;
    }
    if (first_possessor < 0) first_possessor = i;
  }
  if (first < 0) first = first_possessor;
  if (first >= 0) return CountWordsIn(slots_[first].end, ts, ts, kMaxHeadWords) <= kMaxHeadWords ? first : -1;
  if (!opened) return -1;
  // A relative clause's subject is its antecedent; any other clause without one shares the
  // subject of the clause it depends on.
  if (relative) return Before(slot, clause_start, opener);
  if (coordinated) return Head(slot, clause_start, opener, clause_start);
  return -1;  // a subordinate clause ("although ...", "because ...") has a subject of its own
}

int ClauseReader::Before(const FrameSlot& slot, uint32_t from, uint32_t ts) const {
  for (int i = static_cast<int>(slots_.size()) - 1; i >= 0; --i) {
    const ClauseSlot& s = slots_[i];
    if (s.end > ts || s.start < from) continue;
    if (slot.Accepts(*s.type) && Visible(i, ts)) return i;
  }
  return -1;
}

int ClauseReader::After(const FrameSlot& slot, uint32_t te, uint32_t to) const {
  // A relative or subordinate clause after the trigger is about something else.
  for (const auto& [pos, w] : WordsIn(te, to, te)) {
    if (words_.relatives.count(w) || words_.subordinators.count(w)) {
      to = pos;
      break;
    }
  }
  for (int i = 0; i < static_cast<int>(slots_.size()); ++i) {
    const ClauseSlot& s = slots_[i];
    if (s.start < te || s.end > to || s.region_of_previous) continue;
    if (!slot.Accepts(*s.type) || !Visible(i, te)) continue;
    if (CountWordsIn(te, s.start, te, kMaxAfterWords) > kMaxAfterWords) return -1;
    // A possessor before the thing it owns ("the X Act's Y Fund"): the thing.
    if (Possessor(i) && i + 1 < static_cast<int>(slots_.size()) && slot.Accepts(*slots_[i + 1].type) &&
        slots_[i + 1].start <= s.end + 4) {
      return i + 1;
    }
    return i;
  }
  return -1;
}

int ClauseReader::Next(const FrameSlot& slot, uint32_t te, uint32_t to) const {
  const int i = After(slot, te, to);
  if (i < 0) return -1;
  const std::string_view gap = text_.substr(te, slots_[i].start - te);
  if (gap.find_first_of(",;:()") != std::string_view::npos || CountWordsIn(te, slots_[i].start, te, 3) > 3) return -1;
  return i;
}

int ClauseReader::Adjacent(const FrameSlot& slot, uint32_t ts, uint32_t te, uint32_t from, uint32_t to) const {
  auto close = [&](uint32_t a, uint32_t b) {
    std::string_view gap = text_.substr(a, b - a);
    if (gap.find_first_of(",;:()") != std::string_view::npos) return false;
    return CountWordsIn(a, b, a, 3) <= 3;
  };
  int b = Before(slot, from, ts);
  if (b >= 0 && close(slots_[b].end, ts)) return b;
  int a = After(slot, te, to);
  if (a >= 0 && close(te, slots_[a].start)) return a;
  return -1;
}

int ClauseReader::Nearest(const FrameSlot& slot, uint32_t ts, uint32_t te, uint32_t from, uint32_t to) const {
  int best = -1;
  uint32_t best_distance = UINT32_MAX;
  for (int i = 0; i < static_cast<int>(slots_.size()); ++i) {
    const ClauseSlot& s = slots_[i];
    if (s.start < from || s.end > to || !slot.Accepts(*s.type) || !Visible(i, ts)) continue;
    const uint32_t d = s.end <= ts ? ts - s.end : (s.start >= te ? s.start - te : 0);
    if (d < best_distance) {
      best = i;
      best_distance = d;
    }
  }
  return best;
}

std::vector<int> ClauseReader::Coordinated(int first, const FrameSlot& slot, uint32_t to, bool semicolons) const {
  std::vector<int> members = {first};
  int last = first;
  for (int k = first + 1; k < static_cast<int>(slots_.size()); ++k) {
    if (slots_[k].end > to && !semicolons) break;
    if (slots_[k].region_of_previous) {  // "Malta, NY, and Burlington, VT": NY is no member
      last = k;
      continue;
    }
    std::string_view gap = text_.substr(slots_[last].end, slots_[k].start - slots_[last].end);
    // A parenthesized alias of the member before ("electric vehicles (EVs)") is the same member.
    const size_t g = gap.find_first_not_of(' ');
    if (g != std::string_view::npos && gap.substr(g) == "(" && text_.substr(slots_[k].end, 1) == ")") {
      last = k;
      continue;
    }
    if (gap.starts_with(")")) gap.remove_prefix(1);
    bool joined = false;
    size_t i = 0;
    auto skip_spaces = [&] {
      while (i < gap.size() && gap[i] == ' ') ++i;
    };
    skip_spaces();
    if (i < gap.size() && (gap[i] == ',' || (semicolons && gap[i] == ';'))) {
      joined = true;
      ++i;
    }
    // Words between: coordinators and fillers only.
    const std::string_view lower_gap = std::string_view(lower_).substr(gap.data() - text_.data(), gap.size());
    bool ok = true;
    while (true) {
      skip_spaces();
      if (i >= gap.size()) break;
      size_t j = i;
      while (j < gap.size() && gap[j] != ' ') ++j;
      const std::string_view word = lower_gap.substr(i, j - i);
      if (words_.coordinators.count(word) || word == "&") {
        joined = true;
      } else if (!words_.list_fillers.count(word)) {
        ok = false;
        break;
      }
      i = j;
    }
    if (!ok || !joined || !slot.Accepts(*slots_[k].type)) break;
    members.push_back(k);
    last = k;
  }
  return members;
}

std::vector<int> ClauseReader::Find(const FrameSlot& slot, uint32_t ts, uint32_t te,
                                    bool lists_across_semicolons) const {
  const auto [from, to] = ClauseAround(ts, te);
  int found = -1;
  switch (slot.at) {
    case SlotPlace::kHead: found = Head(slot, from, ts, from); break;
    case SlotPlace::kBefore: found = Before(slot, from, ts); break;
    case SlotPlace::kAfter: found = After(slot, te, to); break;
    case SlotPlace::kNext: found = Next(slot, te, to); break;
    case SlotPlace::kAdjacent: found = Adjacent(slot, ts, te, from, to); break;
    case SlotPlace::kClause: found = Nearest(slot, ts, te, std::max(from, OpeningBefore(from, ts).start), to); break;
  }
  if (found < 0) return {};
  if (slot.at == SlotPlace::kClause || slot.at == SlotPlace::kAdjacent) return {found};
  const bool forward = slot.at == SlotPlace::kAfter || slot.at == SlotPlace::kNext;
  std::vector<int> members = Coordinated(found, slot, forward ? to : ts, false);
  if (slot.at == SlotPlace::kBefore) {
    // The nearest one before may end a list: "⟨ORG⟩, ⟨ORG⟩ and ⟨ORG⟩ have plants in".
    int first = found;
    for (int k = found - 1; k >= 0 && slots_[k].start >= from; --k) {
      if (slots_[k].region_of_previous) continue;
      if (!slot.Accepts(*slots_[k].type) || !Visible(k, ts)) break;
      const std::vector<int> run = Coordinated(k, slot, slots_[found].end, false);
      if (std::find(run.begin(), run.end(), first) == run.end()) break;
      first = k;
    }
    if (first != found) members = Coordinated(first, slot, slots_[found].end, false);
  }
  if (lists_across_semicolons && forward) {
    // An elliptical list: "invests $7.5 billion to build ...; more than $7 billion to ...; and
    // over $10 billion for ..." (each part after a semicolon opens with a member).
    for (uint32_t b : breaks_) {
      if (b < to || text_[b] != ';') continue;
      auto next = std::find_if(slots_.begin(), slots_.end(), [&](const ClauseSlot& s) { return s.start > b; });
      if (next == slots_.end() || !slot.Accepts(*next->type)) continue;
      const auto between = WordsIn(b + 1, next->start, b);
      const bool opens = std::all_of(between.begin(), between.end(), [&](const auto& w) {
        return words_.coordinators.count(w.second) || words_.list_fillers.count(w.second);
      });
      if (opens && text_.substr(b + 1, next->start - b - 1).find_first_of(",()") == std::string_view::npos) {
        members.push_back(static_cast<int>(next - slots_.begin()));
      }
    }
  }
  return members;
}

}  // namespace policygraph
