/* Fuzz target: a gsyncd brick status file (gr_status_file_parse_brick):
 * whatever it holds, the worker's strings stay clean. */
#include "fuzz-xml.h"
#include "gr-status-file.h"
#include "gr-text.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GrWorker) worker = gr_worker_new ();

  gr_fuzz_quiet ();
  g_free (worker->primary_brick);
  worker->primary_brick = g_strdup ("/bricks/b1");
  if (gr_status_file_parse_brick ((const char *) data, size, worker))
    g_assert (gr_text_is_clean (worker->secondary_node, 256));
  return 0;
}
