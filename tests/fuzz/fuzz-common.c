/* Shared by the fuzz targets: see fuzz-xml.h. */
#include "fuzz-xml.h"
#include "gr-gluster-result.h"

static void
drop_log (const char *domain,
          GLogLevelFlags level,
          const char *message,
          gpointer data)
{
  /* A CRITICAL is a bug that the input found: abort, so that it is
   * reported like a crash. Warnings about bad input are expected. */
  if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR))
    {
      g_printerr ("%s: %s\n", domain ? domain : "", message);
      g_abort ();
    }
}

void
gr_fuzz_quiet (void)
{
  static gboolean done;

  if (done)
    return;
  done = TRUE;
  g_log_set_default_handler (drop_log, NULL);
}

void
gr_fuzz_xml_reader (const uint8_t *data,
                    size_t size,
                    GrXmlAnswerReader parser,
                    void (*check) (gpointer result),
                    GDestroyNotify free_func)
{
  GrCliStatus envelope = { 0 };
  g_autoptr (GError) error = NULL;
  gpointer result = NULL;

  gr_fuzz_quiet ();
  result = parser ((const char *) data, size, &envelope, &error);
  g_assert ((result == NULL) == (error != NULL));
  if (result != NULL && check != NULL)
    check (result);
  gr_cli_status_clear (&envelope);
  g_clear_pointer (&result, free_func);
  g_clear_error (&error);
  /* The same bytes as georepd's runner sees them. */
  if (gr_gluster_result_from_stream ((const char *) data, size, 1, parser,
                                     free_func, &result,
                                     &error) == GR_GLUSTER_OUTCOME_OK)
    g_clear_pointer (&result, free_func);
}
