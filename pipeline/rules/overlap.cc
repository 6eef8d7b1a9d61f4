#include "pipeline/rules/overlap.h"

#include <algorithm>
#include <map>

namespace policygraph {
namespace {

bool Overlaps(const Span& a, const Span& b) { return a.start < b.end && b.start < a.end; }
uint32_t Length(const Mention& m) { return m.view_span.end - m.view_span.start; }

// Greedy: take mentions in `better` order, keep each that overlaps none already kept.
// Companions (Mention::parent, rule key `also:`) take no part: each is kept exactly when its parent
// (the same rule's mention with the parent span) is.
template <typename Better>
std::vector<Mention> Greedy(std::vector<Mention> all, Better better, const char* policy,
                            std::vector<Rejected>* rejected) {
  std::vector<Mention> mentions, companions;
  for (Mention& m : all) (m.parent ? companions : mentions).push_back(std::move(m));
  std::stable_sort(mentions.begin(), mentions.end(), better);
  std::vector<Mention> kept;
  // Kept spans ordered by start for an O(log n) overlap test.
  std::map<uint32_t, uint32_t> taken;  // start -> end
  for (Mention& m : mentions) {
    const Span s = m.view_span;
    auto it = taken.lower_bound(s.start);
    bool clash = false;
    const Mention* winner = nullptr;
    if (it != taken.end() && it->first < s.end) clash = true;
    if (!clash && it != taken.begin() && std::prev(it)->second > s.start) clash = true;
    if (s.start == s.end) clash = false;
    if (clash) {
      if (rejected != nullptr) {
        for (const Mention& k : kept) {
          if (Overlaps(k.view_span, s)) {
            winner = &k;
            break;
          }
        }
        std::string reason = std::string("lost to ") + (winner ? winner->type + " '" + winner->text + "' (rule " +
                                                                    winner->rule + ")"
                                                              : "an overlapping mention");
        rejected->push_back({std::move(m), reason + " by " + policy});
      }
      continue;
    }
    taken[s.start] = s.end;
    kept.push_back(std::move(m));
  }
  const size_t main_count = kept.size();
  for (Mention& c : companions) {
    const bool parent_kept = std::any_of(kept.begin(), kept.begin() + static_cast<std::ptrdiff_t>(main_count),
                                         [&](const Mention& k) { return k.rule == c.rule && k.view_span == *c.parent; });
    if (parent_kept) {
      kept.push_back(std::move(c));
    } else if (rejected != nullptr) {
      std::string reason = "its parent mention (rule " + c.rule + ") lost an overlap";
      rejected->push_back({std::move(c), std::move(reason)});
    }
  }
  SortMentions(kept);
  return kept;
}

}  // namespace

std::vector<Mention> ResolveWithinStage(std::vector<Mention> mentions, std::vector<Rejected>* rejected) {
  auto better = [](const Mention& a, const Mention& b) {
    if (a.priority != b.priority) return a.priority > b.priority;
    if (Length(a) != Length(b)) return Length(a) > Length(b);
    if (a.view_span.start != b.view_span.start) return a.view_span.start < b.view_span.start;
    return a.rule < b.rule;
  };
  return Greedy(std::move(mentions), better, "priority, then length, then position, then rule id", rejected);
}

std::vector<Mention> ResolveAcrossStages(std::vector<Mention> mentions, const std::vector<std::string>& stage_order,
                                         std::vector<Rejected>* rejected) {
  auto rank = [&](const std::string& stage) {
    auto it = std::find(stage_order.begin(), stage_order.end(), stage);
    return static_cast<size_t>(it - stage_order.begin());
  };
  auto better = [&](const Mention& a, const Mention& b) {
    if (Length(a) != Length(b)) return Length(a) > Length(b);
    if (a.priority != b.priority) return a.priority > b.priority;
    if (a.view_span.start != b.view_span.start) return a.view_span.start < b.view_span.start;
    size_t ra = rank(a.stage), rb = rank(b.stage);
    if (ra != rb) return ra < rb;
    return a.rule < b.rule;
  };
  return Greedy(std::move(mentions), better, "length, then priority, then position, then stage order", rejected);
}

bool MentionBefore(const Mention& a, const Mention& b) {
  if (a.span.start != b.span.start) return a.span.start < b.span.start;
  if (a.span.end != b.span.end) return a.span.end < b.span.end;
  if (a.type != b.type) return a.type < b.type;
  return a.rule < b.rule;
}

void SortMentions(std::vector<Mention>& mentions) { std::stable_sort(mentions.begin(), mentions.end(), MentionBefore); }

}  // namespace policygraph
