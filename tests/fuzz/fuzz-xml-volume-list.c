/* Fuzz target: `gluster volume list --xml` (gr_xml_stream_volume_list). */
#include "fuzz-xml.h"

GR_FUZZ_XML_TARGET (gr_xml_stream_volume_list, NULL, g_ptr_array_unref)
