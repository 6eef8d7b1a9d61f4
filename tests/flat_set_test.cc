// FlatSet: the graph's sorted evidence and document lists, against std::set.
#include "graph/flat_set.h"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <stdexcept>
#include <vector>

namespace policygraph {
namespace {

std::vector<int> Items(const FlatSet<int>& s) { return {s.begin(), s.end()}; }

TEST(FlatSetTest, InOrderInsertsStaySealed) {
  FlatSet<int> s;
  for (int x : {1, 2, 2, 5}) s.Insert(x);
  EXPECT_TRUE(s.sealed());
  EXPECT_EQ(Items(s), (std::vector<int>{1, 2, 5}));
}

TEST(FlatSetTest, OutOfOrderInsertsWaitForSeal) {
  FlatSet<int> s = {5, 1, 3};
  EXPECT_EQ(Items(s), (std::vector<int>{1, 3, 5}));
  s.Insert(2);
  s.Insert(3);
  EXPECT_FALSE(s.sealed());
  EXPECT_THROW(s.size(), std::logic_error);
  EXPECT_THROW(s.begin(), std::logic_error);
  s.Seal();
  EXPECT_EQ(Items(s), (std::vector<int>{1, 2, 3, 5}));
}

TEST(FlatSetTest, MergeAppendsWhatSortsAfterAndDropsTheSharedEnd) {
  FlatSet<int> a = {1, 4}, b = {4, 7, 9};
  a.Merge(b);
  EXPECT_TRUE(a.sealed());
  EXPECT_EQ(Items(a), (std::vector<int>{1, 4, 7, 9}));
  FlatSet<int> c = {0, 8};
  a.Merge(std::move(c));
  EXPECT_FALSE(a.sealed());
  a.Seal();
  EXPECT_EQ(Items(a), (std::vector<int>{0, 1, 4, 7, 8, 9}));
  FlatSet<int> empty;
  empty.Merge(std::move(a));
  EXPECT_EQ(Items(empty), (std::vector<int>{0, 1, 4, 7, 8, 9}));
}

// Random inserts and merges, sealed or not, in any order, give what a std::set gives.
TEST(FlatSetTest, RandomInsertsAndMergesAreASet) {
  std::mt19937 rng(11);
  for (int trial = 0; trial < 200; ++trial) {
    FlatSet<int> s;
    std::set<int> want;
    const int range = 1 + static_cast<int>(rng() % 500);
    for (int step = 0; step < 100; ++step) {
      if (rng() % 3 == 0) {
        FlatSet<int> other;
        for (int k = static_cast<int>(rng() % 20); k > 0; --k) {
          const int x = static_cast<int>(rng() % range);
          other.Insert(x);
          want.insert(x);
        }
        if (rng() % 2) other.Seal();
        if (rng() % 2) {
          s.Merge(other);
        } else {
          s.Merge(std::move(other));
        }
      } else {
        const int x = static_cast<int>(rng() % range);
        s.Insert(x);
        want.insert(x);
      }
    }
    s.Seal();
    ASSERT_EQ(Items(s), std::vector<int>(want.begin(), want.end())) << "trial " << trial;
  }
}

}  // namespace
}  // namespace policygraph
