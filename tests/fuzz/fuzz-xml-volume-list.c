/* Fuzz target: `gluster volume list --xml` (gr_xml_read_volume_list). */
#include "fuzz-xml.h"
#include "gr-xml-volume-list.h"

GR_FUZZ_XML_TARGET (gr_xml_read_volume_list, NULL, g_ptr_array_unref)
