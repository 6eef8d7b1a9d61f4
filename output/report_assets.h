// The HTML report's stylesheet and script (output/report.css, output/report.js), compiled into the
// binary by cmake/embed_assets.cmake so the report needs no file and no network.
#ifndef POLICYGRAPH_OUTPUT_REPORT_ASSETS_H_
#define POLICYGRAPH_OUTPUT_REPORT_ASSETS_H_

#include <string_view>

namespace policygraph {

std::string_view ReportCss();
std::string_view ReportJs();

}  // namespace policygraph

#endif  // POLICYGRAPH_OUTPUT_REPORT_ASSETS_H_
