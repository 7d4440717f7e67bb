/* Fuzz target: `gluster volume geo-replication … config --xml`
 * (gr_xml_stream_config). */
#include "fuzz-xml.h"

GR_FUZZ_XML_TARGET (gr_xml_stream_config, NULL, g_hash_table_unref)
