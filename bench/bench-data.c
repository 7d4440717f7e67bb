/* georepd benchmarks: gluster output for N sessions × B bricks, shaped
 * like gluster 10.3's own (tests/data has the recorded originals). */
#include "bench-data.h"

#define NODE_UUID "337d3f78-9d1e-4ea7-ab98-265712c93e52"

static void
append_volume (GString *xml, guint index, guint bricks)
{
  g_string_append_printf (
      xml,
      "<volume><name>bench_p%u</name><id>00000000-0000-0000-0000-%012u</id>"
      "<status>1</status><statusStr>Started</statusStr><brickCount>%u</"
      "brickCount>"
      "<distCount>%u</distCount><replicaCount>2</replicaCount><arbiterCount>0</"
      "arbiterCount>"
      "<disperseCount>0</disperseCount><redundancyCount>0</"
      "redundancyCount><type>7</type>"
      "<typeStr>Distributed-Replicate</typeStr><transport>0</"
      "transport><bricks>",
      index, index, bricks, bricks / 2);
  for (guint b = 0; b < bricks; b++)
    g_string_append_printf (
        xml,
        "<brick uuid=\"" NODE_UUID
        "\">node%u:/bricks/p%u/b%u<name>node%u:/bricks/p%u/b%u</name>"
        "<hostUuid>" NODE_UUID "</hostUuid><isArbiter>0</isArbiter></brick>",
        b, index, b, b, index, b);
  g_string_append (xml,
                   "</bricks><optCount>1</"
                   "optCount><options><option><name>changelog.changelog</name>"
                   "<value>on</value></option></options></volume>");
}

char *
bench_volume_info_xml (guint sessions, guint bricks)
{
  GString *xml = g_string_new (
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<cliOutput><opRet>0</opRet><opErrno>0</opErrno><opErrstr/"
      "><volInfo><volumes>");

  for (guint i = 0; i < sessions; i++)
    append_volume (xml, i, bricks);
  g_string_append_printf (
      xml, "<count>%u</count></volumes></volInfo></cliOutput>\n", sessions);
  return g_string_free (xml, FALSE);
}

static void
append_pair (GString *xml, guint index, guint brick, guint round)
{
  /* Replica pairs: the first brick of each is Active, the other Passive.
   * Each round, every Active worker has synced once more. */
  gboolean active = brick % 2 == 0;
  g_autofree char *synced = g_strdup_printf ("2026-11-25 23:%02u:%02u",
                                             30 + round / 60 % 30, round % 60);

  g_string_append_printf (
      xml,
      "<pair><primary_node>node%u</primary_node><primary_brick>/bricks/p%u/"
      "b%u</primary_brick>"
      "<secondary_user>root</"
      "secondary_user><secondary>backup.example.com::bench_s%u</secondary>"
      "<secondary_node>backup.example.com</secondary_node><status>%s</status>"
      "<crawl_status>%s</crawl_status><entry>0</entry><data>%u</data><meta>0</"
      "meta>"
      "<failures>0</failures><checkpoint_completed>N/A</checkpoint_completed>"
      "<primary_node_uuid>" NODE_UUID "</primary_node_uuid>"
      "<last_synced>%s</last_synced><checkpoint_time>N/A</checkpoint_time>"
      "<checkpoint_completion_time>N/A</checkpoint_completion_time></pair>",
      brick, index, brick, index, active ? "Active" : "Passive",
      active ? "Changelog Crawl" : "N/A", index % 7 + (active ? round : 0),
      active ? synced : "N/A");
}

char *
bench_status_xml (guint sessions, guint bricks, guint round)
{
  GString *xml = g_string_new (
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<cliOutput><opRet>0</opRet><opErrno>0</opErrno><opErrstr/><geoRep>");

  for (guint i = 0; i < sessions; i++)
    {
      g_string_append_printf (
          xml,
          "<volume><name>bench_p%u</"
          "name><sessions><session><session_secondary>" NODE_UUID
          ":ssh://backup.example.com::bench_s%u:"
          "00000000-0000-0000-0000-%012u</session_secondary>",
          i, i, i);
      for (guint b = 0; b < bricks; b++)
        append_pair (xml, i, b, round);
      g_string_append (xml, "</session></sessions></volume>");
    }
  g_string_append (xml, "</geoRep></cliOutput>\n");
  return g_string_free (xml, FALSE);
}
