/* georepctl: JSON text as json-glib 1.6 wrote it, so that --json prints
 * the same bytes as before, without json-glib: one shared library less
 * to load at every start, for the few runs that print JSON.
 *
 * - GVariant maps as json_gvariant_serialize () maps it: integers of any
 *   width as signed 64 bits (a uint64 above G_MAXINT64 wraps), a maybe
 *   as null or its value, a variant as its value, a dictionary as an
 *   object keyed by the text of its keys, tuples and other arrays as
 *   arrays.
 * - The layout is JsonGenerator's: when pretty, two spaces a level and
 *   " : " after names; "[]" for an empty array, but an empty object's
 *   closing brace indented like any other.
 * - Strings escape '"', '\\', the controls 0x01 to 0x1e and 0x7f (not
 *   0x1f, which json-glib let through), and keep UTF-8 as it is.
 *
 * test-json-output holds all this to json-glib's own output. */
#include <string.h>

#include "georepctl-json.h"

struct CtlJson {
  GString *text;
  gboolean pretty;
  GArray *counts; /* of guint: the values so far in each open container */
  char *member;   /* the name of the next value, in an object */
};

CtlJson *
ctl_json_new (gboolean pretty)
{
  CtlJson *json = g_new0 (CtlJson, 1);

  json->text = g_string_new (NULL);
  json->pretty = pretty;
  json->counts = g_array_new (FALSE, TRUE, sizeof (guint));
  return json;
}

void
ctl_json_free (CtlJson *json)
{
  g_string_free (json->text, TRUE);
  g_array_unref (json->counts);
  g_free (json->member);
  g_free (json);
}

const char *
ctl_json_get_text (CtlJson *json)
{
  return json->text->str;
}

static void
append_indent (CtlJson *json, guint level)
{
  if (json->pretty)
    for (guint i = 0; i < level; i++)
      g_string_append (json->text, "  ");
}

static void
append_escaped (GString *text, guchar c)
{
  switch (c)
    {
      case '\b':
        g_string_append (text, "\\b");
        break;
      case '\f':
        g_string_append (text, "\\f");
        break;
      case '\n':
        g_string_append (text, "\\n");
        break;
      case '\r':
        g_string_append (text, "\\r");
        break;
      case '\t':
        g_string_append (text, "\\t");
        break;
      default:
        g_string_append_printf (text, "\\u%04x", c);
    }
}

static void
append_string (GString *text, const char *value)
{
  g_string_append_c (text, '"');
  for (const guchar *p = (const guchar *) value; *p != '\0'; p++)
    if (*p == '"' || *p == '\\')
      {
        g_string_append_c (text, '\\');
        g_string_append_c (text, *p);
      }
    else if (*p < 0x1f || *p == 0x7f)
      append_escaped (text, *p);
    else
      g_string_append_c (text, *p);
  g_string_append_c (text, '"');
}

/* Before each value: the comma after the one before, a line of its own
 * and the indentation when pretty, and its name in an object. */
static void
begin_value (CtlJson *json)
{
  guint level = json->counts->len;

  if (level > 0)
    {
      guint *count = &g_array_index (json->counts, guint, level - 1);

      if (*count > 0)
        g_string_append_c (json->text, ',');
      if (json->pretty)
        g_string_append_c (json->text, '\n');
      (*count)++;
    }
  append_indent (json, level);
  if (json->member != NULL)
    {
      append_string (json->text, json->member);
      g_string_append (json->text, json->pretty ? " : " : ":");
      g_clear_pointer (&json->member, g_free);
    }
}

static void
begin_container (CtlJson *json, char open)
{
  guint none = 0;

  begin_value (json);
  g_string_append_c (json->text, open);
  g_array_append_val (json->counts, none);
}

static void
end_container (CtlJson *json, char close)
{
  guint level = json->counts->len - 1;
  guint count = g_array_index (json->counts, guint, level);

  g_array_set_size (json->counts, level);
  if (count > 0 && json->pretty)
    g_string_append_c (json->text, '\n');
  if (count > 0 || close == '}')
    append_indent (json, level);
  g_string_append_c (json->text, close);
}

void
ctl_json_begin_object (CtlJson *json)
{
  begin_container (json, '{');
}

void
ctl_json_end_object (CtlJson *json)
{
  end_container (json, '}');
}

void
ctl_json_begin_array (CtlJson *json)
{
  begin_container (json, '[');
}

void
ctl_json_end_array (CtlJson *json)
{
  end_container (json, ']');
}

void
ctl_json_set_member (CtlJson *json, const char *name)
{
  g_free (json->member);
  json->member = g_strdup (name);
}

void
ctl_json_add_string (CtlJson *json, const char *value)
{
  begin_value (json);
  append_string (json->text, value);
}

static void
add_literal (CtlJson *json, const char *literal)
{
  begin_value (json);
  g_string_append (json->text, literal);
}

void
ctl_json_add_null (CtlJson *json)
{
  add_literal (json, "null");
}

/* The shortest text that reads back the same, and ".0" if that would
 * look like an integer. */
static void
add_double (CtlJson *json, double value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_dtostr (text, sizeof text, value);
  add_literal (json, text);
  if (strpbrk (text, ".eE") == NULL)
    g_string_append (json->text, ".0");
}

/* Any integer class, as the gint64 json-glib kept. */
static gint64
integer_value (GVariant *value)
{
  switch (g_variant_classify (value))
    {
      case G_VARIANT_CLASS_BYTE:
        return g_variant_get_byte (value);
      case G_VARIANT_CLASS_INT16:
        return g_variant_get_int16 (value);
      case G_VARIANT_CLASS_UINT16:
        return g_variant_get_uint16 (value);
      case G_VARIANT_CLASS_INT32:
        return g_variant_get_int32 (value);
      case G_VARIANT_CLASS_UINT32:
        return g_variant_get_uint32 (value);
      case G_VARIANT_CLASS_INT64:
        return g_variant_get_int64 (value);
      case G_VARIANT_CLASS_UINT64:
        return (gint64) g_variant_get_uint64 (value);
      case G_VARIANT_CLASS_HANDLE:
        return g_variant_get_handle (value);
      default:
        g_return_val_if_reached (0);
    }
}

static void
add_integer (CtlJson *json, gint64 value)
{
  begin_value (json);
  g_string_append_printf (json->text, "%" G_GINT64_FORMAT, value);
}

/* A dictionary key as a member name; here a uint64 stays unsigned and
 * a double has six decimals, as in json-glib. */
static char *
key_name (GVariant *key)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  switch (g_variant_classify (key))
    {
      case G_VARIANT_CLASS_BOOLEAN:
        return g_strdup (g_variant_get_boolean (key) ? "true" : "false");
      case G_VARIANT_CLASS_DOUBLE:
        return g_strdup (g_ascii_formatd (text, sizeof text, "%f",
                                          g_variant_get_double (key)));
      case G_VARIANT_CLASS_STRING:
      case G_VARIANT_CLASS_OBJECT_PATH:
      case G_VARIANT_CLASS_SIGNATURE:
        return g_strdup (g_variant_get_string (key, NULL));
      case G_VARIANT_CLASS_UINT64:
        return g_strdup_printf ("%" G_GUINT64_FORMAT,
                                g_variant_get_uint64 (key));
      default:
        return g_strdup_printf ("%" G_GINT64_FORMAT, integer_value (key));
    }
}

/* The keys of a D-Bus dictionary are taken to be unique: json-glib kept
 * the first one's place and the last one's value. */
static void
add_entry (CtlJson *json, GVariant *entry)
{
  g_autoptr (GVariant) key = g_variant_get_child_value (entry, 0);
  g_autoptr (GVariant) value = g_variant_get_child_value (entry, 1);
  g_autofree char *name = key_name (key);

  ctl_json_set_member (json, name);
  ctl_json_add_variant (json, value);
}

/* The children of @container, as an object's members or as an array. */
static void
add_children (CtlJson *json, GVariant *container, gboolean as_object)
{
  GVariantIter iter;
  GVariant *child;

  begin_container (json, as_object ? '{' : '[');
  g_variant_iter_init (&iter, container);
  while ((child = g_variant_iter_next_value (&iter)) != NULL)
    {
      if (as_object)
        add_entry (json, child);
      else
        ctl_json_add_variant (json, child);
      g_variant_unref (child);
    }
  end_container (json, as_object ? '}' : ']');
}

/* What a maybe or a variant holds, null for nothing. */
static void
add_inner (CtlJson *json, GVariant *value)
{
  g_autoptr (GVariant) inner =
      g_variant_is_of_type (value, G_VARIANT_TYPE_VARIANT)
          ? g_variant_get_variant (value)
          : g_variant_get_maybe (value);

  if (inner != NULL)
    ctl_json_add_variant (json, inner);
  else
    ctl_json_add_null (json);
}

void
ctl_json_add_variant (CtlJson *json, GVariant *value)
{
  switch (g_variant_classify (value))
    {
      case G_VARIANT_CLASS_BOOLEAN:
        add_literal (json, g_variant_get_boolean (value) ? "true" : "false");
        break;
      case G_VARIANT_CLASS_DOUBLE:
        add_double (json, g_variant_get_double (value));
        break;
      case G_VARIANT_CLASS_STRING:
      case G_VARIANT_CLASS_OBJECT_PATH:
      case G_VARIANT_CLASS_SIGNATURE:
        ctl_json_add_string (json, g_variant_get_string (value, NULL));
        break;
      case G_VARIANT_CLASS_MAYBE:
      case G_VARIANT_CLASS_VARIANT:
        add_inner (json, value);
        break;
      case G_VARIANT_CLASS_ARRAY:
        add_children (json, value,
                      g_variant_type_is_dict_entry (
                          g_variant_type_element (g_variant_get_type (value))));
        break;
      case G_VARIANT_CLASS_DICT_ENTRY:
        begin_container (json, '{');
        add_entry (json, value);
        end_container (json, '}');
        break;
      case G_VARIANT_CLASS_TUPLE:
        add_children (json, value, FALSE);
        break;
      default:
        add_integer (json, integer_value (value));
    }
}
