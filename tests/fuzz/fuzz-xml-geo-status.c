/* Fuzz target: `gluster volume geo-replication status --xml`
 * (gr_xml_read_geo_status), and the figures georepd derives. */
#include "fuzz-xml.h"
#include "gr-xml-geo-status.h"
#include "gr-session-state.h"

static void
summarize (gpointer result)
{
  GPtrArray *sessions = result;

  for (guint i = 0; i < sessions->len; i++)
    {
      GrSessionStatus *session = g_ptr_array_index (sessions, i);
      GrStatusSummary summary;

      gr_status_summarize (session->workers, &summary);
      gr_status_aggregate (session->workers, NULL);
    }
}

GR_FUZZ_XML_TARGET (gr_xml_read_geo_status, summarize, g_ptr_array_unref)
