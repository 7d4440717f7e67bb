/* What the fuzz targets of the gluster XML readers share. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "gr-xml-cli-output.h"

/* Runs @parser over the input and frees what it returns with @free_func;
 * returns that result for a check first through @check (may be NULL). */
void gr_fuzz_xml_reader (const uint8_t *data,
                         size_t size,
                         GrXmlAnswerReader parser,
                         void (*check) (gpointer result),
                         GDestroyNotify free_func);

/* Quiets GLib's logging of expected failures once per process. */
void gr_fuzz_quiet (void);

/* The entry point of a target that runs one XML reader. */
#define GR_FUZZ_XML_TARGET(parser, check, free_func)                           \
  int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);               \
  int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)                \
  {                                                                            \
    gr_fuzz_xml_reader (data, size, parser, check,                             \
                        (GDestroyNotify) free_func);                           \
    return 0;                                                                  \
  }
