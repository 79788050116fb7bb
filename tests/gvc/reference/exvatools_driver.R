# Side-by-side driver for exvatools (E. Feas, GPL-3) -- our script, not exvatools code.
#
# Usage (R >= 4.2 with cli, Matrix; no network needed):
#   Rscript tests/gvc/reference/exvatools_driver.R EXVATOOLS_R_DIR OUT_DIR
# EXVATOOLS_R_DIR holds exvatools' R/*.R files (see tests/gvc/reference/README.md for the
# exact versions); they are source()d, never copied into this repository.
#
# 1. Builds a random ICIO-type table with exactly the shape of exvatools' own "iciotest"
#    table (10 blocks ESP FRA MEX USA CHN ROW MX1 MX2 CN1 CN2 x 3 industries, final demand
#    CONS/INVST of the 6 countries; CHN and MEX rows and columns of Z empty, as in the OECD
#    ICIO where CN1/CN2 and MX1/MX2 carry the data), from runif() with set.seed(20261207).
# 2. Hands it to exvatools' own make_wio("iciotest") path (generate_test_iot() reads the
#    object `iciotest_data`, which we assign instead of the package's binary data/*.rda).
# 3. Runs make_exvadec(wio, exporter, method, output = "standard") for ESP, CHN, NAFTA
#    (= MEX|USA, one exporter) and methods bm_src, bm_snk, wwz, kww, my, oecd, and writes
#      ICIO_exvatools_side_by_side.csv  the same table in the OECD ICIO CSV layout (input of
#                                       `valuechain gvc`)
#      exvatools_standard.csv           method, exporter, term, value (sums over sectors and
#                                       partners, 10 decimals)
#      exvatools_bm_snk_vaxim_by_importer.csv  bm_snk VAXIM of ESP, USA, CHN by importer
args <- commandArgs(trailingOnly = TRUE)
src <- args[1]
out <- if (length(args) > 1) args[2] else "."
for (f in list.files(src, pattern = "[.]R$", full.names = TRUE)) source(f)

# Stand-ins for R/sysdata.rda (a binary file: type, method and geography code lists).
# Only the rows exvatools reads for an "iciotest" wio and these exporters are defined.
dbtyp <- data.frame(id = "iciotest", is_icio = TRUE, is_long = FALSE,
                    is_isic4 = TRUE, is_isic3 = FALSE)
dbmet <- data.frame(id = c("bm_src", "bm_src", "bm_src", "bm_snk", "bm_snk", "bm_snk",
                           "wwz", "wwz", "kww", "kww", "my", "my", "oecd", "oecd"),
                    output = c("standard", "terms", "basic", "standard", "terms", "basic",
                               "standard", "terms", "standard", "terms", "standard", "terms",
                               "standard", "terms"))
dbqv <- data.frame(id = "iciotest", eqv_id_geo = "iciotest")
geo <- c("ESP", "FRA", "MEX", "USA", "CHN", "ROW")
dbgeo <- data.frame(id = c(geo, "NAFTA", "WLD"),
                    codes_iciotest = c(geo, "MEX|USA", paste(geo, collapse = "|")),
                    basic_iciotest = 1)

# The table: 30 x 42 = Z (30 x 30) | Yfd (30 x 12), uniform random, CHN/MEX blocks empty.
set.seed(20261207)
GXN <- 30; GFD <- 12
gx <- c(geo, "MX1", "MX2", "CN1", "CN2")
gxn <- paste0(rep(gx, each = 3), c("_01T09", "_10T39", "_41T98"))
empty <- grep("^(MEX|CHN)_", gxn)
repeat {
  Z <- matrix(runif(GXN * GXN, 1, 100), GXN, GXN)
  Yfd <- matrix(runif(GXN * GFD, 5, 200), GXN, GFD)
  Z[empty, ] <- 0; Z[, empty] <- 0; Yfd[empty, ] <- 0
  X <- rowSums(Z) + rowSums(Yfd)
  VA <- X - colSums(Z)
  if (all(VA[-empty] > 0)) break
}
iciotest_data <- as.data.frame(cbind(Z, Yfd))

wio <- make_wio("iciotest", quiet = TRUE)
stopifnot(isTRUE(all.equal(as.numeric(wio$X), as.numeric(X))))

# The same table in the OECD ICIO CSV layout (FD CONS -> HFCE, INVST -> GFCF; VA row; OUT).
fd <- paste0(rep(geo, each = 2), c("_HFCE", "_GFCF"))
body <- cbind(Z, Yfd, X)
dimnames(body) <- list(gxn, c(gxn, fd, "OUT"))
pad <- rep(0, GFD + 1)
extra <- rbind(VA = c(VA, pad), OUT = c(X, pad))
colnames(extra) <- colnames(body)
oecd <- rbind(body, extra)
write.csv(format(oecd, digits = 17, scientific = FALSE, trim = TRUE),
          file.path(out, "ICIO_exvatools_side_by_side.csv"), quote = FALSE)

rows <- list()
for (method in c("bm_src", "bm_snk", "wwz", "kww", "my", "oecd")) {
  for (exporter in c("ESP", "CHN", "NAFTA")) {
    d <- make_exvadec(wio, exporter = exporter, method = method,
                      output = "standard", quiet = TRUE)
    for (term in c("EXGR", "DC", "DVA", "VAX", "DAVAX", "VAXIM", "REF", "DDC",
                   "FC", "FVA", "FDC", "GVC", "GVCB", "GVCF")) {
      if (!is.null(d[[term]])) {
        rows[[length(rows) + 1]] <- data.frame(method = method, exporter = exporter,
                                               term = term,
                                               value = sprintf("%.10f", sum(d[[term]])))
      }
    }
  }
}
write.csv(do.call(rbind, rows), file.path(out, "exvatools_standard.csv"),
          row.names = FALSE, quote = FALSE)
# bm_snk's VAXIM by importer (summed over the exporter's sectors), for the comparison of
# importers with and without processing splits
vx <- list()
for (exporter in c("ESP", "USA", "CHN")) {
  d <- make_exvadec(wio, exporter = exporter, method = "bm_snk", output = "standard", quiet = TRUE)
  cs <- colSums(d$VAXIM)
  vx[[exporter]] <- data.frame(exporter = exporter, importer = names(cs), VAXIM = sprintf("%.10f", cs))
}
write.csv(do.call(rbind, vx), file.path(out, "exvatools_bm_snk_vaxim_by_importer.csv"),
          row.names = FALSE, quote = FALSE)
cat("exvatools side-by-side: wrote", length(rows), "values\n")
