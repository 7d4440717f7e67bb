/* Fuzz target: `gluster volume geo-replication … config --xml`
 * (gr_xml_read_geo_config). */
#include "fuzz-xml.h"
#include "gr-xml-geo-config.h"

GR_FUZZ_XML_TARGET (gr_xml_read_geo_config, NULL, g_hash_table_unref)
