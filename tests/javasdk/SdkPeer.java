// SdkPeer: the MaxCompute Java SDK (com.aliyun.odps:odps-sdk-core, see pom.xml) as a second reference for kmsync,
// driven by tests/integration/tst_maxcompute_javasdk.cpp. tests/javasdk/setup.sh downloads the SDK and compiles
// this file; run it as  java -Duser.timezone=UTC -cp <classpath printed by setup.sh> SdkPeer <command> ...
//
// Commands (each prints JSON lines on stdout; on failure exit 1 with the SDK exception on stderr):
//
//   decode SCHEMA BLOCKFILE
//       Decodes BLOCKFILE, a raw (uncompressed) Tunnel record stream as kmsync's TunnelRecordWriter writes it, with
//       the SDK's own ProtobufRecordStreamReader, and prints one JSON array per record (see "Canonical values").
//   upload ENDPOINT PROJECT AK SK TABLE PARTITION
//       Uploads 2000 rows covering every column type of TABLE with the SDK's TableTunnel (session, one record
//       writer with deflate, close, commit), tunnel endpoint discovered by the SDK. Prints {"uploadId":..,"records":n},
//       then one line per written row in the canonical form, so the test compares what the server stored.
//   op ENDPOINT TUNNEL_ENDPOINT PROJECT AK SK OPNAME [ARGS...]
//       Performs exactly one operation the way an analyst's program would through the SDK's public API, so the
//       test can capture the HTTP requests the SDK sends for it. TUNNEL_ENDPOINT "-" leaves it to discovery.
//       OPNAMEs (the pyodps peer uses the same names and arguments):
//         list_tables                      {"tables":[names]}
//         table_schema TABLE               {"columns":[{"name":..,"type":..}],"partitionKeys":[..]}
//         partition_exists TABLE SPEC      {"exists":true|false}            (SPEC like ds=20221122)
//         add_partition TABLE SPEC         {"ok":true}   Table.createPartition(spec, ifNotExists=true)
//         run_sql SQL                      {"instanceId":..}   an SQL instance run to completion
//         query SQL                        {"instanceId":..,"columns":[..],"rows":[[..]]}   its CSV result read
//         tunnel_endpoint                  {"endpoint":..}   Project.getTunnelEndpoint (GET .../tunnel?service)
//         upload TABLE SPEC                {"uploadId":..,"records":4}   session, one block (raw), commit
//         upload_overwrite TABLE SPEC      the same with overwrite=true
//   datetransform ZONE MS [MS...]
//       What a DATETIME of MS epoch milliseconds becomes when a session asks for the date transform
//       (odps-tunnel-date-transform: true) and the JVM's default zone is ZONE: the SDK's own
//       DateUtils.date2ms(new Date(MS), <calendar of ZONE>), which ProtobufRecordStreamWriter writes instead of MS.
//       Prints one JSON array of the results, as decimal strings.
//
//       run_sql and query pass the hint odps.sql.type.system.odps2=true when the statement names a 2.0 type, as
//       kmsync does, and no hint otherwise.
//
// SCHEMA is the table's columns as name:type pairs joined by commas, the types as MaxCompute spells them, e.g.
//   c1:bigint,c2:decimal(10,2),c3:varchar(20),c4:timestamp
// (a comma inside parentheses belongs to the type).
//
// Canonical values (what decode and upload print; tst_maxcompute_javasdk formats kmsync's values the same way):
//   NULL -> null; every other value is a JSON string:
//   BIGINT, INT, SMALLINT, TINYINT -> decimal;  BOOLEAN -> true / false
//   DOUBLE -> "d:" + 16 hex digits of the IEEE-754 bits;  FLOAT -> "f:" + 8 hex digits of the bits
//   STRING, VARCHAR, CHAR -> the text (UTF-8 decoded by the SDK);  BINARY -> base64 of the bytes
//   DATETIME -> epoch milliseconds;  DATE -> epoch days;  TIMESTAMP -> "<epoch seconds>:<nanos, 9 digits>"
//   DECIMAL -> BigDecimal.toPlainString()
// Non-ASCII text is written as JSON unicode escapes (backslash, u, 4 hex digits): stdout's encoding cannot alter it.
//
// Time zone: main() forces the JVM's default zone to UTC. The SDK hands DATETIME out as a ZonedDateTime in
// ZoneId.systemDefault(), builds java.util.Date values through Calendar.getInstance() (DateUtils.LOCAL_CAL, the
// calendar of the legacy "date transform"), and reads java.sql.Date through the default zone. Pinned to UTC the
// results cannot depend on the machine running the test, and an epoch value means the same instant everywhere.
// DateUtils reads the default zone once, when the class loads; the test also passes -Duser.timezone=UTC so that
// nothing can load it earlier.

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import com.aliyun.odps.Column;
import com.aliyun.odps.Instance;
import com.aliyun.odps.Odps;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.Table;
import com.aliyun.odps.TableSchema;
import com.aliyun.odps.account.AliyunAccount;
import com.aliyun.odps.commons.proto.ProtobufRecordStreamReader;
import com.aliyun.odps.data.Binary;
import com.aliyun.odps.data.Char;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.data.RecordWriter;
import com.aliyun.odps.data.Varchar;
import com.aliyun.odps.task.SQLTask;
import com.aliyun.odps.tunnel.TableTunnel;
import com.aliyun.odps.tunnel.io.CompressOption;
import com.aliyun.odps.type.TypeInfo;
import com.aliyun.odps.type.TypeInfoParser;

public final class SdkPeer {

  private SdkPeer() {
  }

  public static void main(String[] args) {
    TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    try {
      if (args.length == 3 && args[0].equals("decode")) {
        decode(args[1], args[2]);
      } else if (args.length == 7 && args[0].equals("upload")) {
        Odps odps = connect(args[1], "-", args[2], args[3], args[4]);
        upload(odps, args[5], args[6], false, true, UPLOAD_ROWS, true);
      } else if (args.length >= 3 && args[0].equals("datetransform")) {
        java.util.Calendar calendar = java.util.Calendar.getInstance(TimeZone.getTimeZone(args[1]));
        List<String> out = new ArrayList<>();
        for (int i = 2; i < args.length; ++i) {
          long ms = Long.parseLong(args[i]);
          out.add("\"" + com.aliyun.odps.commons.util.DateUtils.date2ms(new java.util.Date(ms), calendar) + "\"");
        }
        System.out.println("[" + String.join(",", out) + "]");
      } else if (args.length >= 7 && args[0].equals("op")) {
        Odps odps = connect(args[1], args[2], args[3], args[4], args[5]);
        List<String> rest = new ArrayList<>();
        for (int i = 7; i < args.length; ++i) {
          rest.add(args[i]);
        }
        op(odps, args[6], rest);
      } else {
        System.err.println("usage: SdkPeer decode SCHEMA BLOCKFILE | upload ENDPOINT PROJECT AK SK TABLE PARTITION"
            + " | datetransform ZONE MS [MS...]"
            + " | op ENDPOINT TUNNEL_ENDPOINT PROJECT AK SK OPNAME [ARGS...]");
        System.exit(2);
      }
    } catch (Throwable e) {
      System.err.println("SdkPeer: " + e);
      e.printStackTrace();
      System.exit(1);
    }
    System.out.flush();
    // The SDK may leave non-daemon threads (HTTP connection pools) behind.
    System.exit(0);
  }

  // --- decode ---------------------------------------------------------------------------------------------------

  static TableSchema parseSchema(String text) {
    TableSchema schema = new TableSchema();
    int depth = 0;
    int start = 0;
    for (int i = 0; i <= text.length(); ++i) {
      char c = i < text.length() ? text.charAt(i) : ',';
      if (c == '(' || c == '<') {
        ++depth;
      } else if (c == ')' || c == '>') {
        --depth;
      } else if (c == ',' && depth == 0) {
        String item = text.substring(start, i).trim();
        int colon = item.indexOf(':');
        if (colon <= 0) {
          throw new IllegalArgumentException("bad column '" + item + "' in schema '" + text + "'");
        }
        TypeInfo type = TypeInfoParser.getTypeInfoFromTypeString(item.substring(colon + 1).trim());
        schema.addColumn(new Column(item.substring(0, colon).trim(), type));
        start = i + 1;
      }
    }
    return schema;
  }

  static void decode(String schemaText, String blockFile) throws Exception {
    TableSchema schema = parseSchema(schemaText);
    byte[] block = Files.readAllBytes(Paths.get(blockFile));
    CompressOption raw = new CompressOption(CompressOption.CompressAlgorithm.ODPS_RAW, 0, 0);
    ProtobufRecordStreamReader reader =
        new ProtobufRecordStreamReader(schema, new ByteArrayInputStream(block), raw);
    StringBuilder out = new StringBuilder();
    Record r;
    while ((r = reader.read()) != null) {
      out.append(canonicalRecord(r)).append('\n');
    }
    reader.close();
    System.out.print(out);
  }

  // --- canonical text -------------------------------------------------------------------------------------------

  static String canonicalRecord(Record r) {
    StringBuilder line = new StringBuilder("[");
    Column[] columns = r.getColumns();
    for (int i = 0; i < columns.length; ++i) {
      if (i > 0) {
        line.append(',');
      }
      String v = canonical(r.get(i), columns[i].getTypeInfo());
      line.append(v == null ? "null" : jsonString(v));
    }
    return line.append(']').toString();
  }

  static String canonical(Object v, TypeInfo type) {
    if (v == null) {
      return null;
    }
    switch (type.getOdpsType()) {
      case BIGINT:
      case INT:
      case SMALLINT:
      case TINYINT:
        return Long.toString(((Number) v).longValue());
      case BOOLEAN:
        return v.toString();
      case DOUBLE:
        return "d:" + String.format("%016x", Double.doubleToRawLongBits((Double) v));
      case FLOAT:
        return "f:" + String.format("%08x", Float.floatToRawIntBits((Float) v));
      case STRING:
        return v instanceof byte[] ? new String((byte[]) v, StandardCharsets.UTF_8) : v.toString();
      case VARCHAR:
      case CHAR:
        return v.toString();
      case BINARY:
        return Base64.getEncoder().encodeToString(((Binary) v).data());
      case DATETIME:
        if (v instanceof ZonedDateTime) {
          return Long.toString(((ZonedDateTime) v).toInstant().toEpochMilli());
        }
        return Long.toString(((java.util.Date) v).getTime());
      case DATE:
        return Long.toString(((LocalDate) v).toEpochDay());
      case TIMESTAMP: {
        Instant t = v instanceof Instant ? (Instant) v : ((java.sql.Timestamp) v).toInstant();
        return t.getEpochSecond() + ":" + String.format("%09d", t.getNano());
      }
      case DECIMAL:
        return ((BigDecimal) v).toPlainString();
      default:
        throw new IllegalArgumentException("SdkPeer has no canonical form for " + type.getTypeName());
    }
  }

  static String jsonString(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); ++i) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  static String jsonList(List<String> items) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < items.size(); ++i) {
      b.append(i > 0 ? "," : "").append(items.get(i) == null ? "null" : jsonString(items.get(i)));
    }
    return b.append(']').toString();
  }

  // --- SDK clients ----------------------------------------------------------------------------------------------

  static Odps connect(String endpoint, String tunnelEndpoint, String project, String ak, String sk) {
    Odps odps = new Odps(new AliyunAccount(ak, sk));
    odps.setEndpoint(endpoint);
    odps.setDefaultProject(project);
    if (!tunnelEndpoint.equals("-")) {
      odps.setTunnelEndpoint(tunnelEndpoint);
    }
    return odps;
  }

  // Row r (0-based) of the values written for one column type; null when that row is NULL. Rows 0..2 carry edge
  // values, row 3 is NULL in every column; later rows (the upload command's) repeat them, with distinct BIGINT and
  // STRING values so that the deflated block spans many HTTP chunks.
  static final int SAMPLE_ROWS = 4;
  static final int UPLOAD_ROWS = 2000;

  static Object rowValue(TypeInfo type, int row) {
    if (row >= SAMPLE_ROWS) {
      switch (type.getOdpsType()) {
        case BIGINT:
          return row * 2654435761L;
        case STRING:
          return "row " + row + " " + Long.toHexString(row * 0x9e3779b97f4a7c15L);
        default:
          return sampleValue(type, row % SAMPLE_ROWS);
      }
    }
    return sampleValue(type, row);
  }

  static Object sampleValue(TypeInfo type, int row) {
    if (row == 3) {
      return null;
    }
    switch (type.getOdpsType()) {
      case BIGINT:
        return new long[] {1L, -9223372036854775807L, 9223372036854775807L}[row];
      case INT:
        return new int[] {7, Integer.MIN_VALUE, Integer.MAX_VALUE}[row];
      case SMALLINT:
        return new short[] {-1, Short.MIN_VALUE, Short.MAX_VALUE}[row];
      case TINYINT:
        return new byte[] {0, Byte.MIN_VALUE, Byte.MAX_VALUE}[row];
      case BOOLEAN:
        return row != 1;
      case DOUBLE:
        return new double[] {1.5, -0.0, 1e300}[row];
      case FLOAT:
        return new float[] {0.5f, -1.25f, Float.MAX_VALUE}[row];
      case STRING:
        return new String[] {"a", "\u4e2d\u6587\u5b57\u7b26 \ud83d\ude00", ""}[row];
      case VARCHAR:
        return new Varchar(new String[] {"v", "\u00e9t\u00e9", ""}[row]);
      case CHAR:
        return new Char(new String[] {"c", "\u00fc", "z"}[row]);
      case BINARY:
        return new Binary(new byte[][] {{0, 1, (byte) 0xff}, {}, "bin".getBytes(StandardCharsets.UTF_8)}[row]);
      case DATETIME:
        // 2022-11-22T00:00:00Z, one second before the epoch, 1899-12-31T23:59:59.123Z
        return new java.util.Date(new long[] {1669075200000L, -1000L, -2208988800877L}[row]);
      case DATE:
        return LocalDate.ofEpochDay(new long[] {19318L, -1L, -719162L}[row]);
      case TIMESTAMP:
        return new Instant[] {Instant.ofEpochSecond(1669046400L, 123456789), Instant.ofEpochSecond(-1L, 999999999),
            Instant.ofEpochSecond(-2208988800L, 1)}[row];
      case DECIMAL:
        return new BigDecimal(new String[] {"12.34", "-0.01", "0"}[row]);
      default:
        throw new IllegalArgumentException("SdkPeer upload has no sample for " + type.getTypeName());
    }
  }

  static void upload(Odps odps, String table, String partition, boolean overwrite, boolean compress, int rows,
                     boolean printRows) throws Exception {
    TableTunnel tunnel = new TableTunnel(odps);
    TableTunnel.UploadSession session = partition.isEmpty()
        ? tunnel.createUploadSession(odps.getDefaultProject(), table, overwrite)
        : tunnel.createUploadSession(odps.getDefaultProject(), table, new PartitionSpec(partition), overwrite);
    List<String> lines = new ArrayList<>();
    RecordWriter writer = session.openRecordWriter(0, compress);
    Column[] columns = session.getSchema().getColumns().toArray(new Column[0]);
    for (int row = 0; row < rows; ++row) {
      Record r = session.newRecord();
      for (int i = 0; i < columns.length; ++i) {
        r.set(i, rowValue(columns[i].getTypeInfo(), row));
      }
      writer.write(r);
      lines.add(canonicalRecord(r));
    }
    writer.close();
    session.commit(new Long[] {0L});
    System.out.println("{\"uploadId\":" + jsonString(session.getId()) + ",\"records\":" + rows + "}");
    if (printRows) {
      for (String line : lines) {
        System.out.println(line);
      }
    }
  }

  // --- op -------------------------------------------------------------------------------------------------------

  static String arg(List<String> args, int i, String op) {
    if (i >= args.size()) {
      throw new IllegalArgumentException("op " + op + " needs " + (i + 1) + " argument(s)");
    }
    return args.get(i);
  }

  // The 2.0 type system only for a statement that names a 2.0 type, as pyodps and kmsync decide it; other
  // statements go out with no hint at all, so the parity test sees the SDK's plain request.
  static final java.util.regex.Pattern ODPS2_TYPES = java.util.regex.Pattern.compile(
      "\\b(TINYINT|SMALLINT|INT|FLOAT|DATE|TIMESTAMP|VARCHAR|CHAR|BINARY|DECIMAL)\\b",
      java.util.regex.Pattern.CASE_INSENSITIVE);

  static Map<String, String> sqlHints(String sql) {
    Map<String, String> hints = new HashMap<>();
    if (ODPS2_TYPES.matcher(sql).find()) {
      hints.put("odps.sql.type.system.odps2", "true");
    }
    return hints;
  }

  static String columnsJson(List<Column> columns) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < columns.size(); ++i) {
      b.append(i > 0 ? "," : "").append("{\"name\":").append(jsonString(columns.get(i).getName()))
          .append(",\"type\":").append(jsonString(columns.get(i).getTypeInfo().getTypeName().toLowerCase()))
          .append('}');
    }
    return b.append(']').toString();
  }

  static void op(Odps odps, String name, List<String> args) throws Exception {
    String project = odps.getDefaultProject();
    switch (name) {
      case "list_tables": {
        List<String> names = new ArrayList<>();
        for (Table t : odps.tables()) {
          names.add(t.getName());
        }
        System.out.println("{\"tables\":" + jsonList(names) + "}");
        break;
      }
      case "table_schema": {
        TableSchema schema = odps.tables().get(arg(args, 0, name)).getSchema();
        System.out.println("{\"columns\":" + columnsJson(schema.getColumns()) + ",\"partitionKeys\":"
            + columnsJson(schema.getPartitionColumns()) + "}");
        break;
      }
      case "partition_exists": {
        boolean exists = odps.tables().get(arg(args, 0, name)).hasPartition(new PartitionSpec(arg(args, 1, name)));
        System.out.println("{\"exists\":" + exists + "}");
        break;
      }
      case "add_partition": {
        odps.tables().get(arg(args, 0, name)).createPartition(new PartitionSpec(arg(args, 1, name)), true);
        System.out.println("{\"ok\":true}");
        break;
      }
      case "run_sql": {
        Instance i = SQLTask.run(odps, project, arg(args, 0, name), sqlHints(arg(args, 0, name)), null);
        i.waitForSuccess();
        System.out.println("{\"instanceId\":" + jsonString(i.getId()) + "}");
        break;
      }
      case "query": {
        Instance i = SQLTask.run(odps, project, arg(args, 0, name), sqlHints(arg(args, 0, name)), null);
        i.waitForSuccess();
        List<Record> records = SQLTask.getResult(i);
        List<String> columns = new ArrayList<>();
        StringBuilder rows = new StringBuilder("[");
        if (records != null) {
          if (!records.isEmpty()) {
            for (Column c : records.get(0).getColumns()) {
              columns.add(c.getName());
            }
          }
          for (int r = 0; r < records.size(); ++r) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < records.get(r).getColumnCount(); ++c) {
              cells.add(records.get(r).getString(c));
            }
            rows.append(r > 0 ? "," : "").append(jsonList(cells));
          }
        }
        System.out.println("{\"instanceId\":" + jsonString(i.getId()) + ",\"columns\":" + jsonList(columns)
            + ",\"rows\":" + rows.append(']') + "}");
        break;
      }
      case "tunnel_endpoint":
        System.out.println("{\"endpoint\":" + jsonString(odps.projects().get(project).getTunnelEndpoint()) + "}");
        break;
      case "upload":
      case "upload_overwrite":
        upload(odps, arg(args, 0, name), arg(args, 1, name), name.equals("upload_overwrite"), false, SAMPLE_ROWS,
            false);
        break;
      case "upload_new_partition":
        // The Java SDK's batch upload session has no create_partition: the partition is added first, as
        // Table.createPartition does it (an SQL instance), and DataWorks' writer does too.
        odps.tables().get(arg(args, 0, name)).createPartition(new PartitionSpec(arg(args, 1, name)), true);
        upload(odps, arg(args, 0, name), arg(args, 1, name), false, false, SAMPLE_ROWS, false);
        break;
      default:
        throw new IllegalArgumentException("unknown op " + name);
    }
  }
}
