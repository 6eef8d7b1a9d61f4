#include "pipeline/rules/overlap.h"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

namespace policygraph {
namespace {

bool Overlaps(const Span& a, const Span& b) { return a.start < b.end && b.start < a.end; }
uint32_t Length(const Mention& m) { return m.view_span.end - m.view_span.start; }

// The positions of `mentions` in output order (MentionBefore).
std::vector<uint32_t> OutputOrder(const std::vector<Mention>& mentions, std::vector<uint32_t> index) {
  std::stable_sort(index.begin(), index.end(),
                   [&](uint32_t a, uint32_t b) { return MentionBefore(mentions[a], mentions[b]); });
  return index;
}

// Greedy: take the mentions at positions `among` of `all` in `better` order (a strict order on
// positions), keep each that overlaps none already kept. Companions (Mention::parent, rule key
// `also:`) take no part: each is kept exactly when its parent (the same rule's mention with the
// parent span) is. Returns the kept positions in output order; nothing once `late` said the
// deadline passed.
template <typename Better>
std::optional<std::vector<uint32_t>> Greedy(std::vector<Mention>& all, const std::vector<uint32_t>& among, Better better,
                                            const char* policy, std::vector<Rejected>* rejected, DeadlineCheck& late) {
  std::vector<uint32_t> order, companions;
  for (uint32_t i : among) (all[i].parent ? companions : order).push_back(i);
  std::stable_sort(order.begin(), order.end(), better);
  if (late.After(order.size())) return std::nullopt;
  std::vector<uint32_t> kept;
  // Kept spans ordered by start for an O(log n) overlap test.
  std::map<uint32_t, uint32_t> taken;  // start -> end
  for (uint32_t i : order) {
    if (late.After(0)) return std::nullopt;
    const Span s = all[i].view_span;
    auto it = taken.lower_bound(s.start);
    bool clash = false;
    if (it != taken.end() && it->first < s.end) clash = true;
    if (!clash && it != taken.begin() && std::prev(it)->second > s.start) clash = true;
    if (s.start == s.end) clash = false;
    if (clash) {
      if (rejected != nullptr) {
        const Mention* winner = nullptr;
        for (uint32_t k : kept) {
          if (Overlaps(all[k].view_span, s)) {
            winner = &all[k];
            break;
          }
        }
        std::string reason = std::string("lost to ") + (winner ? winner->type + " '" + winner->text + "' (rule " +
                                                                    winner->rule + ")"
                                                              : "an overlapping mention");
        rejected->push_back({std::move(all[i]), reason + " by " + policy});
      }
      continue;
    }
    taken[s.start] = s.end;
    kept.push_back(i);
  }
  // Kept main mentions by (start, end, rule), to find a companion's parent.
  auto parent_key = [&](uint32_t i) { return std::tie(all[i].view_span.start, all[i].view_span.end, all[i].rule); };
  std::vector<uint32_t> parents = kept;
  std::sort(parents.begin(), parents.end(), [&](uint32_t a, uint32_t b) { return parent_key(a) < parent_key(b); });
  for (uint32_t c : companions) {
    if (late.After(0)) return std::nullopt;
    const Mention& m = all[c];
    const auto key = std::tie(m.parent->start, m.parent->end, m.rule);
    auto it = std::lower_bound(parents.begin(), parents.end(), key,
                               [&](uint32_t k, const auto& want) { return parent_key(k) < want; });
    if (it != parents.end() && parent_key(*it) == key) {
      kept.push_back(c);
    } else if (rejected != nullptr) {
      std::string reason = "its parent mention (rule " + m.rule + ") lost an overlap";
      rejected->push_back({std::move(all[c]), std::move(reason)});
    }
  }
  return OutputOrder(all, std::move(kept));
}

}  // namespace

bool ResolveWithinStages(std::vector<Mention>& mentions, const std::vector<std::string>& stages,
                         std::vector<Rejected>* rejected, DeadlineCheck& late) {
  std::vector<std::vector<uint32_t>> of_stage(stages.size());  // positions, per stage
  for (uint32_t i = 0; i < mentions.size(); ++i) {
    auto it = std::find(stages.begin(), stages.end(), mentions[i].stage);
    if (it != stages.end()) of_stage[static_cast<size_t>(it - stages.begin())].push_back(i);
  }
  auto better = [&mentions](uint32_t i, uint32_t j) {
    const Mention& a = mentions[i];
    const Mention& b = mentions[j];
    if (a.priority != b.priority) return a.priority > b.priority;
    if (Length(a) != Length(b)) return Length(a) > Length(b);
    if (a.view_span.start != b.view_span.start) return a.view_span.start < b.view_span.start;
    return a.rule < b.rule;
  };
  std::vector<uint32_t> kept;
  for (const std::vector<uint32_t>& among : of_stage) {
    const auto stage_kept =
        Greedy(mentions, among, better, "priority, then length, then position, then rule id", rejected, late);
    if (!stage_kept) return false;
    kept.insert(kept.end(), stage_kept->begin(), stage_kept->end());
  }
  KeepInOrder(mentions, std::move(kept));
  return true;
}

bool ResolveAcrossStages(std::vector<Mention>& mentions, const std::vector<std::string>& stage_order,
                         std::vector<Rejected>* rejected, DeadlineCheck& late) {
  std::vector<size_t> rank(mentions.size());  // per mention, its stage's position in stage_order
  std::vector<uint32_t> all(mentions.size());
  for (uint32_t i = 0; i < mentions.size(); ++i) {
    rank[i] = static_cast<size_t>(std::find(stage_order.begin(), stage_order.end(), mentions[i].stage) -
                                  stage_order.begin());
    all[i] = i;
  }
  auto better = [&mentions, &rank](uint32_t i, uint32_t j) {
    const Mention& a = mentions[i];
    const Mention& b = mentions[j];
    if (Length(a) != Length(b)) return Length(a) > Length(b);
    if (a.priority != b.priority) return a.priority > b.priority;
    if (a.view_span.start != b.view_span.start) return a.view_span.start < b.view_span.start;
    if (rank[i] != rank[j]) return rank[i] < rank[j];
    return a.rule < b.rule;
  };
  auto kept = Greedy(mentions, all, better, "length, then priority, then position, then stage order", rejected, late);
  if (!kept) return false;
  KeepInOrder(mentions, std::move(*kept));
  return true;
}

void KeepInOrder(std::vector<Mention>& mentions, std::vector<uint32_t> order) {
  const size_t kept = order.size();
  // `order` completed to a permutation by the positions it leaves out, then applied cycle by
  // cycle: the mention for position k comes from position order[k].
  std::vector<bool> done(mentions.size());
  for (uint32_t i : order) done[i] = true;
  for (uint32_t i = 0; i < mentions.size(); ++i) {
    if (!done[i]) order.push_back(i);
  }
  std::fill(done.begin(), done.end(), false);
  for (size_t start = 0; start < order.size(); ++start) {
    if (done[start] || order[start] == start) continue;
    Mention first = std::move(mentions[start]);
    size_t k = start;
    for (;;) {
      done[k] = true;
      const size_t from = order[k];
      if (from == start) break;
      mentions[k] = std::move(mentions[from]);
      k = from;
    }
    mentions[k] = std::move(first);
  }
  mentions.erase(mentions.begin() + static_cast<std::ptrdiff_t>(kept), mentions.end());
}

bool MentionBefore(const Mention& a, const Mention& b) {
  if (a.span.start != b.span.start) return a.span.start < b.span.start;
  if (a.span.end != b.span.end) return a.span.end < b.span.end;
  if (a.type != b.type) return a.type < b.type;
  return a.rule < b.rule;
}

void SortMentions(std::vector<Mention>& mentions) {
  std::vector<uint32_t> index(mentions.size());
  for (uint32_t i = 0; i < index.size(); ++i) index[i] = i;
  KeepInOrder(mentions, OutputOrder(mentions, std::move(index)));
}

}  // namespace policygraph
