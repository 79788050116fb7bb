# Export exvatools' iciotest table and its standard decompositions, for
# tests/gvc/test_exvatools_reference.py (run by hand where R and CRAN are available):
#   Rscript tests/gvc/reference/exvatools_iciotest.R tests/gvc/reference
# then: VALUECHAIN_EXVATOOLS_ICIOTEST=tests/gvc/reference/iciotest_data.csv pytest tests/gvc/test_exvatools_reference.py
# Writes iciotest_data.csv (the 30 x 42 matrix Z | Yfd with exvatools' row/column names) and
# exvatools_standard.csv (method, exporter, term, value) for ESP, CHN, NAFTA and every method.
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args)) args[1] else "."
if (!requireNamespace("exvatools", quietly = TRUE)) install.packages("exvatools", repos = "https://cloud.r-project.org")
library(exvatools)
wio <- make_wio("iciotest", quiet = TRUE)
gxn <- wio$names$gxn_names
fd <- paste0(rep(wio$names$g_names, each = wio$dims$FD), "_", wio$names$fd_names)
m <- cbind(wio$Z, wio$Yfd)
dimnames(m) <- list(gxn, c(gxn, fd))
write.csv(m, file.path(out, "iciotest_data.csv"))
rows <- list()
for (method in c("bm_src", "bm_snk", "wwz", "kww", "my", "oecd")) {
  for (exp in c("ESP", "CHN", "NAFTA")) {
    d <- make_exvadec(wio, exporter = exp, method = method, output = "standard", quiet = TRUE)
    for (term in c("EXGR", "DC", "DVA", "VAX", "REF", "DDC", "FC", "FVA", "FDC", "GVC", "GVCB", "GVCF")) {
      if (!is.null(d[[term]])) rows[[length(rows) + 1]] <- data.frame(method = method, exporter = exp, term = term, value = sum(d[[term]]))
    }
  }
}
write.csv(do.call(rbind, rows), file.path(out, "exvatools_standard.csv"), row.names = FALSE)
