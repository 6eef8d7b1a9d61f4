// Interned strings: one copy per text, equal by identity, ordered by text, safe across threads.
#include "graph/symbol.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

namespace policygraph {
namespace {

TEST(SymbolTest, OneCopyPerText) {
  const Symbol a("BILLS-116hr1865eah"), b(std::string("BILLS-116hr1865eah"));
  EXPECT_EQ(&a.str(), &b.str());
  EXPECT_EQ(a, b);
  EXPECT_NE(a, Symbol("BILLS-116hr1865"));
  EXPECT_TRUE(Symbol().empty());
  EXPECT_EQ(Symbol(), Symbol(""));
}

TEST(SymbolTest, OrdersByText) {
  // Interned in the reverse order of the text: the order must not follow the addresses.
  const Symbol z("zz-order-test"), a("aa-order-test");
  EXPECT_LT(a, z);
  std::set<Symbol> s = {z, a, Symbol("mm-order-test")};
  std::vector<std::string> texts;
  for (const Symbol& x : s) texts.push_back(x.str());
  EXPECT_EQ(texts, (std::vector<std::string>{"aa-order-test", "mm-order-test", "zz-order-test"}));
}

TEST(SymbolTest, ThreadsShareOneCopy) {
  std::vector<const std::string*> seen(8);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < seen.size(); ++t) {
    threads.emplace_back([&seen, t] {
      for (int i = 0; i < 2000; ++i) Symbol("doc-" + std::to_string(i));
      seen[t] = &Symbol("doc-1999").str();
    });
  }
  for (std::thread& t : threads) t.join();
  for (const std::string* p : seen) EXPECT_EQ(p, seen[0]);
}

}  // namespace
}  // namespace policygraph
