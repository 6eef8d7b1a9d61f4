// FlatSet: a set kept as one sorted vector, for the graph's evidence and document lists, which
// grow with the corpus: about a third of std::set's memory and one allocation per list. Items
// that sort after the last are appended in place; others wait in an unsorted tail, folded in when
// it is as long as the sorted part (so n inserts cost O(n log n)) or by Seal(). Reads need a
// sealed set and throw std::logic_error otherwise: a reader never sees an unsorted list.
#ifndef POLICYGRAPH_GRAPH_FLAT_SET_H_
#define POLICYGRAPH_GRAPH_FLAT_SET_H_

#include <algorithm>
#include <initializer_list>
#include <stdexcept>
#include <utility>
#include <vector>

namespace policygraph {

template <typename T>
class FlatSet {
 public:
  using const_iterator = typename std::vector<T>::const_iterator;

  FlatSet() = default;
  FlatSet(std::initializer_list<T> items) : items_(items) { Seal(); }

  // Adds `x`; the set stays sealed when `x` sorts after every item or equals the last.
  void Insert(T x) { Append(std::make_move_iterator(&x), std::make_move_iterator(&x + 1), true); }
  // Adds every item of `other`, sealed or not; the second form takes its items.
  void Merge(const FlatSet& other) { Append(other.items_.begin(), other.items_.end(), other.sealed()); }
  void Merge(FlatSet&& other) {
    if (items_.empty()) {
      *this = std::move(other);
    } else {
      Append(std::make_move_iterator(other.items_.begin()), std::make_move_iterator(other.items_.end()),
             other.sealed());
    }
    other = FlatSet();
  }
  // Sorts the waiting items in and drops duplicates.
  void Seal() {
    if (sealed()) return;
    const auto middle = items_.begin() + static_cast<std::ptrdiff_t>(sorted_);
    std::sort(middle, items_.end());
    std::inplace_merge(items_.begin(), middle, items_.end());
    items_.erase(std::unique(items_.begin(), items_.end()), items_.end());
    sorted_ = items_.size();
  }
  bool sealed() const { return sorted_ == items_.size(); }
  // The items stored, sealed or not (duplicates waiting for Seal() included): for memory estimates.
  size_t stored() const { return items_.size(); }

  // Reads. REQUIRES: sealed().
  size_t size() const { return Checked().size(); }
  bool empty() const { return Checked().empty(); }
  const_iterator begin() const { return Checked().begin(); }
  const_iterator end() const { return Checked().end(); }

 private:
  const std::vector<T>& Checked() const {
    if (!sealed()) throw std::logic_error("FlatSet read before Seal()");
    return items_;
  }
  // Appends [first, last), sorted and without duplicates when `sorted`.
  template <typename It>
  void Append(It first, It last, bool sorted) {
    if (first == last) return;
    if (sealed() && sorted && !items_.empty() && items_.back() == *first) ++first;
    if (first == last) return;
    if (sealed() && sorted && (items_.empty() || items_.back() < *first)) {
      items_.insert(items_.end(), first, last);
      sorted_ = items_.size();
      return;
    }
    items_.insert(items_.end(), first, last);
    FoldIfLong();
  }
  // Keeps the unsorted tail shorter than the sorted part (and than a few items).
  void FoldIfLong() {
    constexpr size_t kShortTail = 16;
    const size_t tail = items_.size() - sorted_;
    if (tail > kShortTail && tail >= sorted_) Seal();
  }

  std::vector<T> items_;
  size_t sorted_ = 0;  // items_[0, sorted_) are sorted and unique; the rest wait for Seal()
};

}  // namespace policygraph

#endif  // POLICYGRAPH_GRAPH_FLAT_SET_H_
