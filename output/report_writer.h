// The HTML report (`--format html` -> report.html): one self-contained file (no network) with the
// graph drawn by Graphviz (nodes shaped and coloured by type; MENTIONS edges hidden until asked;
// filters by node type and by document), a table of every edge with the sentences that state it,
// and each document's text with its mentions highlighted. Documents stream through: each one's
// section goes to an unlinked temporary file as it arrives, so memory holds only the graph and
// the evidence sentences, never the texts.
#ifndef POLICYGRAPH_OUTPUT_REPORT_WRITER_H_
#define POLICYGRAPH_OUTPUT_REPORT_WRITER_H_

#include <cstdio>
#include <map>
#include <memory>
#include <ostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "graph/knowledge_graph.h"
#include "output/report_section.h"
#include "pipeline/core/status.h"

namespace policygraph {

// Graphs with more nodes than this are not drawn (Graphviz's layout time grows fast); the table
// and the documents are still written.
inline constexpr size_t kReportMaxDrawnNodes = 1500;

class ReportWriter {
 public:
  // Keeps the document sections in an unlinked temporary file in `dir`; check status().
  explicit ReportWriter(const std::string& dir);
  ~ReportWriter();
  ReportWriter(const ReportWriter&) = delete;  // owns a file
  ReportWriter& operator=(const ReportWriter&) = delete;

  const Status& status() const { return status_; }
  // Document `doc_id` at input position `index`, with its section (full text shown or not) and
  // its mention counts by type. Call in input order.
  void Add(size_t index, const std::string& doc_id, bool full_text, const std::map<std::string, size_t>& mention_types,
           ReportPart part);
  // Writes the report of graph `g` and the documents added.
  Status Write(const KnowledgeGraph& g, std::ostream& out);

 private:
  struct Doc {
    std::string id;
    size_t index;
    bool full_text;
  };
  Status CopyParts(std::ostream& out);
  std::string Controls(const KnowledgeGraph& g) const;
  std::string RelationTable(const KnowledgeGraph& g) const;
  std::string EvidenceList(const FlatSet<Evidence>& evidence) const;

  std::FILE* parts_ = nullptr;
  Status status_;
  std::vector<Doc> docs_;                            // in input order
  std::map<std::string, size_t> doc_pos_;            // id -> position in docs_ (the first, for a repeated id)
  std::map<std::pair<std::string, int32_t>, std::string> sentences_;  // (doc, sentence) -> text
  std::set<std::string> types_;                      // mention types seen
};

}  // namespace policygraph

#endif  // POLICYGRAPH_OUTPUT_REPORT_WRITER_H_
