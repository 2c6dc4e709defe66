<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Advice</name>
    <message>
        <source>Create it with Generate table schema &gt; Create table.</source>
        <translation>Create it with Generate table schema &gt; Create table.</translation>
    </message>
    <message>
        <source>Only queries run here; create tables with Generate table schema &gt; Create table.</source>
        <translation>Only queries run here; create tables with Generate table schema &gt; Create table.</translation>
    </message>
</context>
<context>
    <name>CheckProductionDialog</name>
    <message>
        <source>Check production</source>
        <translation>Check production</translation>
    </message>
    <message>
        <source>Check &amp;again</source>
        <translation>Check &amp;again</translation>
    </message>
</context>
<context>
    <name>Cycle</name>
    <message>
        <source>every minute from %1 to %2</source>
        <translation>every minute from %1 to %2</translation>
    </message>
    <message>
        <source>every %1 minutes from %2 to %3</source>
        <translation>every %1 minutes from %2 to %3</translation>
    </message>
    <message>
        <source>every hour from %1 to %2</source>
        <translation>every hour from %1 to %2</translation>
    </message>
    <message>
        <source>every %1 hours from %2 to %3</source>
        <translation>every %1 hours from %2 to %3</translation>
    </message>
    <message>
        <source>every day at %1</source>
        <translation>every day at %1</translation>
    </message>
    <message>
        <source>every %1 at %2</source>
        <translation>every %1 at %2</translation>
    </message>
    <message>
        <source>every month on day %1 at %2</source>
        <translation>every month on day %1 at %2</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>Monday</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Friday</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Sunday</translation>
    </message>
</context>
<context>
    <name>DatasourceDialog</name>
    <message>
        <source>Datasources</source>
        <translation>Datasources</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Test connection</translation>
    </message>
    <message>
        <source>Connect to the selected datasource and report what was found</source>
        <translation>Connect to the selected datasource and report what was found</translation>
    </message>
    <message>
        <source>Secrets of the selected datasource</source>
        <translation>Secrets of the selected datasource</translation>
    </message>
    <message>
        <source>&amp;Save secrets</source>
        <translation>&amp;Save secrets</translation>
    </message>
    <message>
        <source>Store the secrets typed above: in the desktop keychain where chosen (datasources.json then keeps only a ${keychain:…} reference), otherwise in datasources.json</source>
        <translation>Store the secrets typed above: in the desktop keychain where chosen (datasources.json then keeps only a ${keychain:…} reference), otherwise in datasources.json</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Add…</translation>
    </message>
    <message>
        <source>Add a Kafka, MaxCompute or local warehouse datasource to datasources.json</source>
        <translation>Add a Kafka, MaxCompute or local warehouse datasource to datasources.json</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>Change the selected datasource&apos;s name, type or connections</source>
        <translation>Change the selected datasource&apos;s name, type or connections</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Remove</translation>
    </message>
    <message>
        <source>Remove the selected datasource from datasources.json</source>
        <translation>Remove the selected datasource from datasources.json</translation>
    </message>
</context>
<context>
    <name>DatasourceEditDialog</name>
    <message>
        <source>Datasource</source>
        <translation>Datasource</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Letters A–Z, a–z, digits and _; tasks refer to the datasource by this name</source>
        <translation>Letters A–Z, a–z, digits and _; tasks refer to the datasource by this name</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Type:</translation>
    </message>
    <message>
        <source>&amp;Environments:</source>
        <translation>&amp;Environments:</translation>
    </message>
</context>
<context>
    <name>DdlDialog</name>
    <message>
        <source>Destination table schema</source>
        <translation>Destination table schema</translation>
    </message>
    <message>
        <source>The destination table DataWorks would generate for this task: the six Kafka fields, one column per JSON path the task maps, and its partition keys. Edit it if needed, then create the table.</source>
        <translation>The destination table DataWorks would generate for this task: the six Kafka fields, one column per JSON path the task maps, and its partition keys. Edit it if needed, then create the table.</translation>
    </message>
    <message>
        <source>Create &amp;table</source>
        <translation>Create &amp;table</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copy</translation>
    </message>
</context>
<context>
    <name>DestinationPage</name>
    <message>
        <source>Destination</source>
        <translation>Destination</translation>
    </message>
    <message>
        <source>&amp;Data source:</source>
        <translation>&amp;Data source:</translation>
    </message>
    <message>
        <source>A MaxCompute project or a local warehouse.</source>
        <translation>A MaxCompute project or a local warehouse.</translation>
    </message>
    <message>
        <source>&amp;Table:</source>
        <translation>&amp;Table:</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>List the tables of the selected data source</source>
        <translation>List the tables of the selected data source</translation>
    </message>
    <message>
        <source>&amp;Partition:</source>
        <translation>&amp;Partition:</translation>
    </message>
    <message>
        <source>ds=${partition}</source>
        <translation>ds=${partition}</translation>
    </message>
    <message>
        <source>key=value pairs, one per partition key column, separated by commas</source>
        <translation>key=value pairs, one per partition key column, separated by commas</translation>
    </message>
    <message>
        <source>&amp;Write mode:</source>
        <translation>&amp;Write mode:</translation>
    </message>
    <message>
        <source>Partition values usually come from scheduling parameters such as ${partition}; they are resolved when the task runs.</source>
        <translation>Partition values usually come from scheduling parameters such as ${partition}; they are resolved when the task runs.</translation>
    </message>
    <message>
        <source>&amp;Generate table schema…</source>
        <translation>&amp;Generate table schema…</translation>
    </message>
    <message>
        <source>Generate the CREATE TABLE statement for this task and optionally create the table</source>
        <translation>Generate the CREATE TABLE statement for this task and optionally create the table</translation>
    </message>
</context>
<context>
    <name>FieldMappingPage</name>
    <message>
        <source>&amp;Add field</source>
        <translation>&amp;Add field</translation>
    </message>
    <message>
        <source>&amp;Edit field</source>
        <translation>&amp;Edit field</translation>
    </message>
    <message>
        <source>&amp;Delete field</source>
        <translation>&amp;Delete field</translation>
    </message>
    <message>
        <source>Map by &amp;name</source>
        <translation>Map by &amp;name</translation>
    </message>
    <message>
        <source>Map fields with the same name</source>
        <translation>Map fields with the same name</translation>
    </message>
    <message>
        <source>Map by &amp;row</source>
        <translation>Map by &amp;row</translation>
    </message>
    <message>
        <source>Map fields in the same row</source>
        <translation>Map fields in the same row</translation>
    </message>
    <message>
        <source>&amp;Clear mappings</source>
        <translation>&amp;Clear mappings</translation>
    </message>
</context>
<context>
    <name>KafkaSource</name>
    <message>
        <source>the sandbox (librdkafka&apos;s mock cluster) answers every time lookup with &quot;no message at or after that time&quot;; kmsync finds the window&apos;s offsets by reading the partitions instead (expected, nothing is lost)</source>
        <translation>the sandbox (librdkafka&apos;s mock cluster) answers every time lookup with &quot;no message at or after that time&quot;; kmsync finds the window&apos;s offsets by reading the partitions instead (expected, nothing is lost)</translation>
    </message>
    <message>
        <source>topic %1: %2 partition(s), %3 message(s) to read</source>
        <translation>topic %1: %2 partition(s), %3 message(s) to read</translation>
    </message>
    <message>
        <source>topic %1 partition %2: offsets %3 to %4 no longer exist (retention deleted them); reading starts at %5</source>
        <translation>topic %1 partition %2: offsets %3 to %4 no longer exist (retention deleted them); reading starts at %5</translation>
    </message>
    <message>
        <source>topic %1: nothing polled for %2 s; stopping (stopWhenPollEmpty)</source>
        <translation>topic %1: nothing polled for %2 s; stopping (stopWhenPollEmpty)</translation>
    </message>
    <message>
        <source>committed the consumed offsets of topic %1 for group &quot;%2&quot;</source>
        <translation>committed the consumed offsets of topic %1 for group &quot;%2&quot;</translation>
    </message>
</context>
<context>
    <name>LocalWarehouse</name>
    <message>
        <source>table &quot;%1&quot; does not exist in warehouse %2</source>
        <translation>table &quot;%1&quot; does not exist in warehouse %2</translation>
    </message>
</context>
<context>
    <name>MessagePreviewDialog</name>
    <message>
        <source>Preview messages</source>
        <translation>Preview messages</translation>
    </message>
    <message>
        <source>&amp;Messages:</source>
        <translation>&amp;Messages:</translation>
    </message>
    <message>
        <source>Which messages to read</source>
        <translation>Which messages to read</translation>
    </message>
    <message>
        <source>Task&apos;s range (with the run parameters)</source>
        <translation>Task&apos;s range (with the run parameters)</translation>
    </message>
    <message>
        <source>Latest messages</source>
        <translation>Latest messages</translation>
    </message>
    <message>
        <source>Time range</source>
        <translation>Time range</translation>
    </message>
    <message>
        <source>&amp;Fetch</source>
        <translation>&amp;Fetch</translation>
    </message>
    <message>
        <source>Read the messages and map them as a run would (nothing is written)</source>
        <translation>Read the messages and map them as a run would (nothing is written)</translation>
    </message>
    <message>
        <source>The selected message&apos;s value. Click a node to add its path to the task&apos;s source fields.</source>
        <translation>The selected message&apos;s value. Click a node to add its path to the task&apos;s source fields.</translation>
    </message>
</context>
<context>
    <name>OffsetResolver</name>
    <message>
        <source>the broker answered &quot;no message at or after %1&quot;, but the last message (offset %2) has timestamp %3</source>
        <translation>the broker answered &quot;no message at or after %1&quot;, but the last message (offset %2) has timestamp %3</translation>
    </message>
    <message>
        <source>the broker answered offset %1, below the log start offset %2</source>
        <translation>the broker answered offset %1, below the log start offset %2</translation>
    </message>
    <message>
        <source>the broker answered offset %1 for time %2, but that message has timestamp %3</source>
        <translation>the broker answered offset %1 for time %2, but that message has timestamp %3</translation>
    </message>
    <message>
        <source>the broker answered offset %1 for time %2, but the message before it (offset %3) already has timestamp %4</source>
        <translation>the broker answered offset %1 for time %2, but the message before it (offset %3) already has timestamp %4</translation>
    </message>
    <message>
        <source>topic %1 partition %2: the broker&apos;s time lookup is wrong (%3); finding the offset by reading the partition instead</source>
        <translation>topic %1 partition %2: the broker&apos;s time lookup is wrong (%3); finding the offset by reading the partition instead</translation>
    </message>
</context>
<context>
    <name>QueryPanel</name>
    <message>
        <source>Results</source>
        <translation>Results</translation>
    </message>
    <message>
        <source>C&amp;heck:</source>
        <translation>C&amp;heck:</translation>
    </message>
    <message>
        <source>Prefilled checks of the task&apos;s table and partition</source>
        <translation>Prefilled checks of the task&apos;s table and partition</translation>
    </message>
    <message>
        <source>Run &amp;query</source>
        <translation>Run &amp;query</translation>
    </message>
    <message>
        <source>Run the read-only query on the task&apos;s destination</source>
        <translation>Run the read-only query on the task&apos;s destination</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>&amp;Export CSV…</translation>
    </message>
</context>
<context>
    <name>RunPanel</name>
    <message>
        <source>Records per second over the run&apos;s elapsed seconds</source>
        <translation>Records per second over the run&apos;s elapsed seconds</translation>
    </message>
    <message>
        <source>&amp;Scheduled time:</source>
        <translation>&amp;Scheduled time:</translation>
    </message>
    <message>
        <source>Para&amp;meters:</source>
        <translation>Para&amp;meters:</translation>
    </message>
    <message>
        <source>name=expression assignments evaluated against the scheduled time, e.g. startTime=$[yyyymmddhh24-1/24]0000</source>
        <translation>name=expression assignments evaluated against the scheduled time, e.g. startTime=$[yyyymmddhh24-1/24]0000</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Run</translation>
    </message>
    <message>
        <source>Cance&amp;l run</source>
        <translation>Cance&amp;l run</translation>
    </message>
</context>
<context>
    <name>SchedulingPage</name>
    <message>
        <source>Scheduling cycle</source>
        <translation>Scheduling cycle</translation>
    </message>
    <message>
        <source>&amp;Preset:</source>
        <translation>&amp;Preset:</translation>
    </message>
    <message>
        <source>&amp;Cycle:</source>
        <translation>&amp;Cycle:</translation>
    </message>
    <message>
        <source>&amp;Interval:</source>
        <translation>&amp;Interval:</translation>
    </message>
    <message>
        <source>&amp;Start from:</source>
        <translation>&amp;Start from:</translation>
    </message>
    <message>
        <source>E&amp;nd at:</source>
        <translation>E&amp;nd at:</translation>
    </message>
    <message>
        <source>Run on &amp;weekday:</source>
        <translation>Run on &amp;weekday:</translation>
    </message>
    <message>
        <source>Run on &amp;day:</source>
        <translation>Run on &amp;day:</translation>
    </message>
    <message>
        <source>Scheduling parameters</source>
        <translation>Scheduling parameters</translation>
    </message>
    <message>
        <source>Para&amp;meters:</source>
        <translation>Para&amp;meters:</translation>
    </message>
    <message>
        <source>startTime=$[yyyymmddhh24-1/24]0000 endTime=$[yyyymmddhh24]0000 partition=$[yyyymmddhh24]</source>
        <translation>startTime=$[yyyymmddhh24-1/24]0000 endTime=$[yyyymmddhh24]0000 partition=$[yyyymmddhh24]</translation>
    </message>
    <message>
        <source>Window preview</source>
        <translation>Window preview</translation>
    </message>
    <message>
        <source>From &amp;date:</source>
        <translation>From &amp;date:</translation>
    </message>
    <message>
        <source>D&amp;ays:</source>
        <translation>D&amp;ays:</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Dirty data</source>
        <translation>Dirty data</translation>
    </message>
    <message>
        <source>&amp;Error limit (records):</source>
        <translation>&amp;Error limit (records):</translation>
    </message>
    <message>
        <source>Dirty records tolerated before the run fails; 0 = zero tolerance</source>
        <translation>Dirty records tolerated before the run fails; 0 = zero tolerance</translation>
    </message>
    <message>
        <source>Channel control</source>
        <translation>Channel control</translation>
    </message>
    <message>
        <source>&amp;Concurrency:</source>
        <translation>&amp;Concurrency:</translation>
    </message>
    <message>
        <source>&amp;Throttle the transfer rate</source>
        <translation>&amp;Throttle the transfer rate</translation>
    </message>
    <message>
        <source>&amp;Rate (MB/s):</source>
        <translation>&amp;Rate (MB/s):</translation>
    </message>
    <message>
        <source>Rerun</source>
        <translation>Rerun</translation>
    </message>
    <message>
        <source>Auto rerun upon &amp;error</source>
        <translation>Auto rerun upon &amp;error</translation>
    </message>
    <message>
        <source>Number of re-r&amp;uns:</source>
        <translation>Number of re-r&amp;uns:</translation>
    </message>
    <message>
        <source>Rerun &amp;interval (minutes):</source>
        <translation>Rerun &amp;interval (minutes):</translation>
    </message>
</context>
<context>
    <name>SourcePage</name>
    <message>
        <source>Kafka source</source>
        <translation>Kafka source</translation>
    </message>
    <message>
        <source>&amp;Data source:</source>
        <translation>&amp;Data source:</translation>
    </message>
    <message>
        <source>The Kafka data source (a registered cluster) to read from.</source>
        <translation>The Kafka data source (a registered cluster) to read from.</translation>
    </message>
    <message>
        <source>&amp;Topic:</source>
        <translation>&amp;Topic:</translation>
    </message>
    <message>
        <source>The topic to read; Refresh lists the topics of the cluster.</source>
        <translation>The topic to read; Refresh lists the topics of the cluster.</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>List the topics of the selected data source</source>
        <translation>List the topics of the selected data source</translation>
    </message>
    <message>
        <source>Consumer &amp;group ID:</source>
        <translation>Consumer &amp;group ID:</translation>
    </message>
    <message>
        <source>empty: a random group prefixed datax_</source>
        <translation>empty: a random group prefixed datax_</translation>
    </message>
    <message>
        <source>Read range</source>
        <translation>Read range</translation>
    </message>
    <message>
        <source>Read &amp;from:</source>
        <translation>Read &amp;from:</translation>
    </message>
    <message>
        <source>&amp;Start time:</source>
        <translation>&amp;Start time:</translation>
    </message>
    <message>
        <source>yyyymmddhhmmss or ${startTime}</source>
        <translation>yyyymmddhhmmss or ${startTime}</translation>
    </message>
    <message>
        <source>Start &amp;offset:</source>
        <translation>Start &amp;offset:</translation>
    </message>
    <message>
        <source>e.g. 15553274</source>
        <translation>e.g. 15553274</translation>
    </message>
    <message>
        <source>Read t&amp;o:</source>
        <translation>Read t&amp;o:</translation>
    </message>
    <message>
        <source>&amp;End time:</source>
        <translation>&amp;End time:</translation>
    </message>
    <message>
        <source>yyyymmddhhmmss or ${endTime}</source>
        <translation>yyyymmddhhmmss or ${endTime}</translation>
    </message>
    <message>
        <source>End o&amp;ffset:</source>
        <translation>End o&amp;ffset:</translation>
    </message>
    <message>
        <source>e.g. 15560000</source>
        <translation>e.g. 15560000</translation>
    </message>
    <message>
        <source>Time &amp;zone:</source>
        <translation>Time &amp;zone:</translation>
    </message>
    <message>
        <source>E&amp;xit strategy:</source>
        <translation>E&amp;xit strategy:</translation>
    </message>
    <message>
        <source>Message format</source>
        <translation>Message format</translation>
    </message>
    <message>
        <source>&amp;Key type:</source>
        <translation>&amp;Key type:</translation>
    </message>
    <message>
        <source>&amp;Value type:</source>
        <translation>&amp;Value type:</translation>
    </message>
    <message>
        <source>E&amp;ncoding:</source>
        <translation>E&amp;ncoding:</translation>
    </message>
    <message>
        <source>Advanced Kafka properties (kafkaConfig)</source>
        <translation>Advanced Kafka properties (kafkaConfig)</translation>
    </message>
    <message>
        <source>&amp;Add property</source>
        <translation>&amp;Add property</translation>
    </message>
    <message>
        <source>Re&amp;move property</source>
        <translation>Re&amp;move property</translation>
    </message>
</context>
<context>
    <name>SyncJob</name>
    <message>
        <source>cancelled; the destination is unchanged</source>
        <translation>cancelled; the destination is unchanged</translation>
    </message>
    <message>
        <source>reading %1 message(s) from %2 partition(s) into %3%4</source>
        <translation>reading %1 message(s) from %2 partition(s) into %3%4</translation>
    </message>
    <message>
        <source>dirty record at partition %1 offset %2: %3</source>
        <translation>dirty record at partition %1 offset %2: %3</translation>
    </message>
    <message>
        <source>%1 dirty records exceed setting.errorLimit.record = %2; nothing was written (see %3)</source>
        <translation>%1 dirty records exceed setting.errorLimit.record = %2; nothing was written (see %3)</translation>
    </message>
    <message>
        <source>run failed, the destination is unchanged</source>
        <translation>run failed, the destination is unchanged</translation>
    </message>
    <message>
        <source>committed %1 row to %2</source>
        <translation>committed %1 row to %2</translation>
    </message>
    <message>
        <source>committed %1 rows to %2</source>
        <translation>committed %1 rows to %2</translation>
    </message>
    <message>
        <source>data committed, but committing the consumer group offsets failed: %1</source>
        <translation>data committed, but committing the consumer group offsets failed: %1</translation>
    </message>
</context>
<context>
    <name>TaskLoader</name>
    <message>
        <source>%1 to %2 %3</source>
        <translation>%1 to %2 %3</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::BackfillDialog</name>
    <message>
        <source>Parameters: %1</source>
        <translation>Parameters: %1</translation>
    </message>
    <message>
        <source>Nothing was run: %1</source>
        <translation>Nothing was run: %1</translation>
    </message>
    <message>
        <source>Cannot run: %1</source>
        <translation>Cannot run: %1</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Queued</translation>
    </message>
    <message numerus="yes">
        <source>Running %n instance(s)…</source>
        <translation>
            <numerusform>Running %n instance(s)…</numerusform>
        </translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Running</translation>
    </message>
    <message>
        <source>Running: %1 of %2 offsets read, %3 written</source>
        <translation>Running: %1 of %2 offsets read, %3 written</translation>
    </message>
    <message>
        <source>Backfill</source>
        <translation>Backfill</translation>
    </message>
    <message>
        <source>Business dates:</source>
        <translation>Business dates:</translation>
    </message>
    <message>
        <source>to</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Cycle:</source>
        <translation>Cycle:</translation>
    </message>
    <message>
        <source>Order:</source>
        <translation>Order:</translation>
    </message>
    <message>
        <source>Parallel instances:</source>
        <translation>Parallel instances:</translation>
    </message>
    <message>
        <source>Keep going after a failure</source>
        <translation>Keep going after a failure</translation>
    </message>
    <message>
        <source>The task's schedule (%1)</source>
        <translation>The task's schedule (%1)</translation>
    </message>
    <message>
        <source>Every day</source>
        <translation>Every day</translation>
    </message>
    <message>
        <source>Every hour</source>
        <translation>Every hour</translation>
    </message>
    <message>
        <source>Every 5 minutes</source>
        <translation>Every 5 minutes</translation>
    </message>
    <message>
        <source>Every week</source>
        <translation>Every week</translation>
    </message>
    <message>
        <source>Every month</source>
        <translation>Every month</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>Oldest first</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>Newest first</translation>
    </message>
    <message>
        <source>Scheduled time</source>
        <translation>Scheduled time</translation>
    </message>
    <message>
        <source>Business date</source>
        <translation>Business date</translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>Partition</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Window</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Start</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Resume</translation>
    </message>
    <message>
        <source>Run the backfill again, skipping the partitions already committed with the same window</source>
        <translation>Run the backfill again, skipping the partitions already committed with the same window</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s), %1</source>
        <translation>
            <numerusform>%n instance(s), %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelling: the running instances roll back…</source>
        <translation>Cancelling: the running instances roll back…</translation>
    </message>
    <message>
        <source>Checking the instances…</source>
        <translation>Checking the instances…</translation>
    </message>
    <message>
        <source>Done: %1 read, %2 written, %3 dirty</source>
        <translation>Done: %1 read, %2 written, %3 dirty</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Failed: %1</translation>
    </message>
    <message>
        <source>Cancelled: rolled back</source>
        <translation>Cancelled: rolled back</translation>
    </message>
    <message>
        <source>Skipped: already committed (%1)</source>
        <translation>Skipped: already committed (%1)</translation>
    </message>
    <message>
        <source>Not run</source>
        <translation>Not run</translation>
    </message>
    <message>
        <source>%1 instances: %2 succeeded, %3 failed, %4 skipped, %5 cancelled, %6 not run</source>
        <translation>%1 instances: %2 succeeded, %3 failed, %4 skipped, %5 cancelled, %6 not run</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::BackfillWorker</name>
    <message numerus="yes">
        <source>%n instance(s) cannot run; nothing was run.</source>
        <translation>
            <numerusform>%n instance(s) cannot run; nothing was run.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kmsync::ui::CheckProductionDialog</name>
    <message>
        <source>Checking the production environment…</source>
        <translation>Checking the production environment…</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Table</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Columns</translation>
    </message>
    <message>
        <source>Column type</source>
        <translation>Column type</translation>
    </message>
    <message>
        <source>Column order</source>
        <translation>Column order</translation>
    </message>
    <message>
        <source>Partition keys</source>
        <translation>Partition keys</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>Not checked</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Verifies that production can run this task: the prod Kafka has the topic, and the prod destination has the table with the same schema as in dev.</source>
        <translation>Verifies that production can run this task: the prod Kafka has the topic, and the prod destination has the table with the same schema as in dev.</translation>
    </message>
    <message>
        <source>Topic %1 on the prod Kafka; table %2 in the prod destination, compared with dev (column names, types, order, partition keys).</source>
        <translation>Topic %1 on the prod Kafka; table %2 in the prod destination, compared with dev (column names, types, order, partition keys).</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message numerus="yes">
        <source>✖ %n difference(s) between dev and prod.</source>
        <translation>
            <numerusform>✖ %n difference between dev and prod.</numerusform>
            <numerusform>✖ %n differences between dev and prod.</numerusform>
        </translation>
    </message>
    <message>
        <source>✔ Production has the topic and the table, with the same schema.</source>
        <translation>✔ Production has the topic and the table, with the same schema.</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::ConnectionForm</name>
    <message>
        <source>Local warehouse file</source>
        <translation>Local warehouse file</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite);;All files (*)</source>
        <translation>SQLite databases (*.db *.sqlite);;All files (*)</translation>
    </message>
    <message>
        <source>Sandbox (the built-in test broker; the properties below are not used)</source>
        <translation>Sandbox (the built-in test broker; the properties below are not used)</translation>
    </message>
    <message>
        <source>Other librdkafka properties:</source>
        <translation>Other librdkafka properties:</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>Property</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Add property</source>
        <translation>Add property</translation>
    </message>
    <message>
        <source>Remove property</source>
        <translation>Remove property</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>unchanged (hidden); type to replace</source>
        <translation>unchanged (hidden); type to replace</translation>
    </message>
    <message>
        <source>a value or ${env:NAME}</source>
        <translation>a value or ${env:NAME}</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::DatasourceDialog</name>
    <message>
        <source>No datasources.json next to the task: the pickers accept any name.</source>
        <translation>No datasources.json next to the task: the pickers accept any name.</translation>
    </message>
    <message>
        <source>Datasources from %1 (environment %2). Secrets are masked.</source>
        <translation>Datasources from %1 (environment %2). Secrets are masked.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connection</translation>
    </message>
    <message>
        <source>Testing &quot;%1&quot;…</source>
        <translation>Testing &quot;%1&quot;…</translation>
    </message>
    <message>
        <source>in the desktop keychain; type to replace</source>
        <translation>in the desktop keychain; type to replace</translation>
    </message>
    <message>
        <source>from %1; type to replace</source>
        <translation>from %1; type to replace</translation>
    </message>
    <message>
        <source>empty; type a value</source>
        <translation>empty; type a value</translation>
    </message>
    <message>
        <source>in datasources.json (hidden); type to replace</source>
        <translation>in datasources.json (hidden); type to replace</translation>
    </message>
    <message>
        <source>Keep in the desktop keychain</source>
        <translation>Keep in the desktop keychain</translation>
    </message>
    <message>
        <source>Store this secret in the desktop keychain; datasources.json then holds only a ${keychain:…} reference</source>
        <translation>Store this secret in the desktop keychain; datasources.json then holds only a ${keychain:…} reference</translation>
    </message>
    <message>
        <source>Select a datasource to see its secrets.</source>
        <translation>Select a datasource to see its secrets.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no secret properties.</source>
        <translation>&quot;%1&quot; has no secret properties.</translation>
    </message>
    <message>
        <source>There is no datasources.json to save the secrets to.</source>
        <translation>There is no datasources.json to save the secrets to.</translation>
    </message>
    <message>
        <source>%1: type the secret to keep it in the desktop keychain.</source>
        <translation>%1: type the secret to keep it in the desktop keychain.</translation>
    </message>
    <message>
        <source>%1: no desktop keychain is available to kmsync.</source>
        <translation>%1: no desktop keychain is available to kmsync.</translation>
    </message>
    <message>
        <source>%1: type the secret to store it in datasources.json instead of the desktop keychain.</source>
        <translation>%1: type the secret to store it in datasources.json instead of the desktop keychain.</translation>
    </message>
    <message>
        <source>Nothing was saved. %1</source>
        <translation>Nothing was saved. %1</translation>
    </message>
    <message numerus="yes">
        <source>Storing %n secret(s) in the desktop keychain…</source>
        <translation>
            <numerusform>Storing %n secret in the desktop keychain…</numerusform>
            <numerusform>Storing %n secrets in the desktop keychain…</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was saved: %1</source>
        <translation>Nothing was saved: %1</translation>
    </message>
    <message>
        <source>✔ Saved to %1.</source>
        <translation>✔ Saved to %1.</translation>
    </message>
    <message>
        <source>Add, Edit and Remove need a datasources.json next to the task; create one there (see README) to manage datasources here.</source>
        <translation>Add, Edit and Remove need a datasources.json next to the task; create one there (see README) to manage datasources here.</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Writing %1…</translation>
    </message>
    <message>
        <source>Remove datasource</source>
        <translation>Remove datasource</translation>
    </message>
    <message>
        <source>Remove &quot;%1&quot; from %2? Tasks that use &quot;%1&quot; will no longer run until they name another datasource.</source>
        <translation>Remove &quot;%1&quot; from %2? Tasks that use &quot;%1&quot; will no longer run until they name another datasource.</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::DatasourceEditDialog</name>
    <message>
        <source>Edit datasource &quot;%1&quot;</source>
        <translation>Edit datasource &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Add datasource</source>
        <translation>Add datasource</translation>
    </message>
    <message>
        <source>Kafka</source>
        <translation>Kafka</translation>
    </message>
    <message>
        <source>MaxCompute</source>
        <translation>MaxCompute</translation>
    </message>
    <message>
        <source>Local warehouse</source>
        <translation>Local warehouse</translation>
    </message>
    <message>
        <source>One connection for both environments</source>
        <translation>One connection for both environments</translation>
    </message>
    <message>
        <source>Separate Development and Production</source>
        <translation>Separate Development and Production</translation>
    </message>
    <message>
        <source>Development (dev)</source>
        <translation>Development (dev)</translation>
    </message>
    <message>
        <source>Production (prod)</source>
        <translation>Production (prod)</translation>
    </message>
    <message>
        <source>Both environments</source>
        <translation>Both environments</translation>
    </message>
    <message>
        <source>Tasks refer to datasources by name: tasks that use &quot;%1&quot; must be changed to &quot;%2&quot; to keep working.</source>
        <translation>Tasks refer to datasources by name: tasks that use &quot;%1&quot; must be changed to &quot;%2&quot; to keep working.</translation>
    </message>
    <message>
        <source>Name is empty; type a name of letters A–Z, a–z, digits 0–9 and _.</source>
        <translation>Name is empty; type a name of letters A–Z, a–z, digits 0–9 and _.</translation>
    </message>
    <message>
        <source>Name &quot;%1&quot; is not allowed: use only letters A–Z, a–z, digits 0–9 and _.</source>
        <translation>Name &quot;%1&quot; is not allowed: use only letters A–Z, a–z, digits 0–9 and _.</translation>
    </message>
    <message>
        <source>Name &quot;%1&quot; is already used by another datasource; choose another name.</source>
        <translation>Name &quot;%1&quot; is already used by another datasource; choose another name.</translation>
    </message>
    <message>
        <source>%1: %2 is required for a %3 datasource; type a value or ${env:NAME}.</source>
        <translation>%1: %2 is required for a %3 datasource; type a value or ${env:NAME}.</translation>
    </message>
    <message>
        <source>Development</source>
        <translation>Development</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>Production</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::DdlDialog</name>
    <message>
        <source>Creating…</source>
        <translation>Creating…</translation>
    </message>
    <message>
        <source>Alter destination table</source>
        <translation>Alter destination table</translation>
    </message>
    <message>
        <source>The columns to add for the message fields the mapping does not read yet. Edit the statement if needed, then alter the table; rows already written read NULL in the new columns.</source>
        <translation>The columns to add for the message fields the mapping does not read yet. Edit the statement if needed, then alter the table; rows already written read NULL in the new columns.</translation>
    </message>
    <message>
        <source>&amp;Alter table</source>
        <translation>&amp;Alter table</translation>
    </message>
    <message>
        <source>Altering…</source>
        <translation>Altering…</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::DestinationPage</name>
    <message>
        <source>Clear existing data before writing (insert overwrite)</source>
        <translation>Clear existing data before writing (insert overwrite)</translation>
    </message>
    <message>
        <source>Keep existing data (insert into)</source>
        <translation>Keep existing data (insert into)</translation>
    </message>
    <message>
        <source>Listing the tables of &quot;%1&quot;…</source>
        <translation>Listing the tables of &quot;%1&quot;…</translation>
    </message>
    <message>
        <source>Could not list tables: %1</source>
        <translation>Could not list tables: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) found.</source>
        <translation>
            <numerusform>%n table(s) found.</numerusform>
            <numerusform>%n table(s) found.</numerusform>
        </translation>
    </message>
    <message>
        <source>Partition key column %1 =</source>
        <translation>Partition key column %1 =</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::FieldMappingModel</name>
    <message>
        <source>A source field needs a name or JSON path, e.g. a.a1 or d[0].AA.</source>
        <translation>A source field needs a name or JSON path, e.g. a.a1 or d[0].AA.</translation>
    </message>
    <message>
        <source>Source field &quot;%1&quot; is already listed; each field can be mapped only once.</source>
        <translation>Source field &quot;%1&quot; is already listed; each field can be mapped only once.</translation>
    </message>
    <message>
        <source>Column &quot;%1&quot; is already fed by &quot;%2&quot;: each destination column can have only one source field. Unmap &quot;%2&quot; first.</source>
        <translation>Column &quot;%1&quot; is already fed by &quot;%2&quot;: each destination column can have only one source field. Unmap &quot;%2&quot; first.</translation>
    </message>
    <message>
        <source>Not mapped: this field is not synchronized.</source>
        <translation>Not mapped: this field is not synchronized.</translation>
    </message>
    <message>
        <source>No source field feeds this column: NULL is written.</source>
        <translation>No source field feeds this column: NULL is written.</translation>
    </message>
    <message>
        <source>The destination table has no column &quot;%1&quot;; allowed are: %2.</source>
        <translation>The destination table has no column &quot;%1&quot;; allowed are: %2.</translation>
    </message>
    <message>
        <source>Source field</source>
        <translation>Source field</translation>
    </message>
    <message>
        <source>Mapped to</source>
        <translation>Mapped to</translation>
    </message>
    <message>
        <source>Destination column</source>
        <translation>Destination column</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Written from</source>
        <translation>Written from</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::FieldMappingPage</name>
    <message>
        <source>%1 of %2 destination columns mapped; %3 receive NULL. %4 source field(s) are not synchronized.</source>
        <translation>%1 of %2 destination columns mapped; %3 receive NULL. %4 source field(s) are not synchronized.</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::IssueText</name>
    <message>
        <source>a string</source>
        <translation>a string</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>an object</translation>
    </message>
    <message>
        <source>an array of strings</source>
        <translation>an array of strings</translation>
    </message>
    <message>
        <source>an integer</source>
        <translation>an integer</translation>
    </message>
    <message>
        <source>%1 must be %2, not the %3 %4.</source>
        <translation>%1 must be %2, not the %3 %4.</translation>
    </message>
    <message>
        <source>%1 is %2, which is not a boolean: use true or false.</source>
        <translation>%1 is %2, which is not a boolean: use true or false.</translation>
    </message>
    <message>
        <source>%1 is %2, which is not a whole number: allowed is %3.</source>
        <translation>%1 is %2, which is not a whole number: allowed is %3.</translation>
    </message>
    <message>
        <source>%1 is %2, which is out of range: allowed is %3.</source>
        <translation>%1 is %2, which is out of range: allowed is %3.</translation>
    </message>
    <message>
        <source>%1 is %2, above DataWorks&apos; maximum of %3.</source>
        <translation>%1 is %2, above DataWorks&apos; maximum of %3.</translation>
    </message>
    <message>
        <source>The rate %1 is not a positive number of MB/s.</source>
        <translation>The rate %1 is not a positive number of MB/s.</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; is not one of %3.</source>
        <translation>%1 &quot;%2&quot; is not one of %3.</translation>
    </message>
    <message>
        <source>%1 is missing: it must be &quot;%2&quot;.</source>
        <translation>%1 is missing: it must be &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; is not allowed: it must be &quot;%3&quot;.</source>
        <translation>%1 &quot;%2&quot; is not allowed: it must be &quot;%3&quot;.</translation>
    </message>
    <message>
        <source>Version &quot;%1&quot; is not the one kmsync knows (&quot;%2&quot;).</source>
        <translation>Version &quot;%1&quot; is not the one kmsync knows (&quot;%2&quot;).</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; is written &quot;%3&quot; in DataWorks.</source>
        <translation>%1 &quot;%2&quot; is written &quot;%3&quot; in DataWorks.</translation>
    </message>
    <message>
        <source>The step has no name: order.hops refers to steps by name.</source>
        <translation>The step has no name: order.hops refers to steps by name.</translation>
    </message>
    <message>
        <source>Datasource is required: choose the Kafka datasource to read from.</source>
        <translation>Datasource is required: choose the Kafka datasource to read from.</translation>
    </message>
    <message>
        <source>Both server and datasource are set: the datasource is used.</source>
        <translation>Both server and datasource are set: the datasource is used.</translation>
    </message>
    <message>
        <source>Server &quot;%1&quot; is not host:port, e.g. broker1:9092.</source>
        <translation>Server &quot;%1&quot; is not host:port, e.g. broker1:9092.</translation>
    </message>
    <message>
        <source>Topic is required: choose the Kafka topic to read.</source>
        <translation>Topic is required: choose the Kafka topic to read.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a Kafka topic name: use letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;, at most 249 characters.</source>
        <translation>&quot;%1&quot; is not a Kafka topic name: use letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;, at most 249 characters.</translation>
    </message>
    <message>
        <source>Map at least one source field to a destination column.</source>
        <translation>Map at least one source field to a destination column.</translation>
    </message>
    <message>
        <source>Source field &quot;%1&quot; is not valid: %2</source>
        <translation>Source field &quot;%1&quot; is not valid: %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a Kafka field (%2): it is read as a JSON path into the value; write [&quot;%1&quot;] if that is meant.</source>
        <translation>&quot;%1&quot; is not a Kafka field (%2): it is read as a JSON path into the value; write [&quot;%1&quot;] if that is meant.</translation>
    </message>
    <message>
        <source>Encoding is required, e.g. UTF-8.</source>
        <translation>Encoding is required, e.g. UTF-8.</translation>
    </message>
    <message>
        <source>Encoding &quot;%1&quot; is not one kmsync can decode; e.g. UTF-8.</source>
        <translation>Encoding &quot;%1&quot; is not one kmsync can decode; e.g. UTF-8.</translation>
    </message>
    <message>
        <source>Choose where to start reading: a start time or an offset.</source>
        <translation>Choose where to start reading: a start time or an offset.</translation>
    </message>
    <message>
        <source>Set only one start position: a start time, an offset or a timestamp.</source>
        <translation>Set only one start position: a start time, an offset or a timestamp.</translation>
    </message>
    <message>
        <source>No end position: the run reads up to each partition&apos;s end offset when it starts.</source>
        <translation>No end position: the run reads up to each partition&apos;s end offset when it starts.</translation>
    </message>
    <message>
        <source>Set only one end position: an end time, an offset or a timestamp.</source>
        <translation>Set only one end position: an end time, an offset or a timestamp.</translation>
    </message>
    <message>
        <source>Start time &quot;%1&quot; must be 14 digits yyyymmddhhmmss naming a real date and time, or a parameter such as ${startTime}.</source>
        <translation>Start time &quot;%1&quot; must be 14 digits yyyymmddhhmmss naming a real date and time, or a parameter such as ${startTime}.</translation>
    </message>
    <message>
        <source>End time &quot;%1&quot; must be 14 digits yyyymmddhhmmss naming a real date and time, or a parameter such as ${endTime}.</source>
        <translation>End time &quot;%1&quot; must be 14 digits yyyymmddhhmmss naming a real date and time, or a parameter such as ${endTime}.</translation>
    </message>
    <message>
        <source>End time %1 must be after start time %2.</source>
        <translation>End time %1 must be after start time %2.</translation>
    </message>
    <message>
        <source>Start offset &quot;%1&quot; must be a whole number, at least 0.</source>
        <translation>Start offset &quot;%1&quot; must be a whole number, at least 0.</translation>
    </message>
    <message>
        <source>End offset &quot;%1&quot; must be a whole number, at least 0.</source>
        <translation>End offset &quot;%1&quot; must be a whole number, at least 0.</translation>
    </message>
    <message>
        <source>Reading from the group&apos;s committed offset needs a consumer group ID.</source>
        <translation>Reading from the group&apos;s committed offset needs a consumer group ID.</translation>
    </message>
    <message>
        <source>Starting at the end offset reads nothing.</source>
        <translation>Starting at the end offset reads nothing.</translation>
    </message>
    <message>
        <source>End offset %1 is before start offset %2.</source>
        <translation>End offset %1 is before start offset %2.</translation>
    </message>
    <message>
        <source>Time zone &quot;%1&quot; is not a known IANA zone such as Asia/Shanghai (or UTC+8).</source>
        <translation>Time zone &quot;%1&quot; is not a known IANA zone such as Asia/Shanghai (or UTC+8).</translation>
    </message>
    <message>
        <source>Kafka property %1 must be a string, number or boolean, not %2.</source>
        <translation>Kafka property %1 must be a string, number or boolean, not %2.</translation>
    </message>
    <message>
        <source>Every advanced Kafka property needs a name.</source>
        <translation>Every advanced Kafka property needs a name.</translation>
    </message>
    <message>
        <source>The group ID differs from group.id &quot;%1&quot; in the Kafka properties; &quot;%2&quot; is used.</source>
        <translation>The group ID differs from group.id &quot;%1&quot; in the Kafka properties; &quot;%2&quot; is used.</translation>
    </message>
    <message>
        <source>The group ID is empty: remove it or name the consumer group.</source>
        <translation>The group ID is empty: remove it or name the consumer group.</translation>
    </message>
    <message>
        <source>stopWhenReachEndOffset takes effect only with stopWhenPollEmpty=true.</source>
        <translation>stopWhenReachEndOffset takes effect only with stopWhenPollEmpty=true.</translation>
    </message>
    <message>
        <source>Datasource is required: choose the MaxCompute or local datasource to write to.</source>
        <translation>Datasource is required: choose the MaxCompute or local datasource to write to.</translation>
    </message>
    <message>
        <source>Table is required: choose the destination table.</source>
        <translation>Table is required: choose the destination table.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a MaxCompute table name: use letters, digits and _, starting with a letter.</source>
        <translation>&quot;%1&quot; is not a MaxCompute table name: use letters, digits and _, starting with a letter.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is longer than 128 bytes.</source>
        <translation>&quot;%1&quot; is longer than 128 bytes.</translation>
    </message>
    <message>
        <source>Partition &quot;%1&quot; must be key=value pairs separated by commas, e.g. ds=${partition}.</source>
        <translation>Partition &quot;%1&quot; must be key=value pairs separated by commas, e.g. ds=${partition}.</translation>
    </message>
    <message>
        <source>%1 partition levels: MaxCompute allows at most %2.</source>
        <translation>%1 partition levels: MaxCompute allows at most %2.</translation>
    </message>
    <message>
        <source>Partition key &quot;%1&quot; is not a MaxCompute column name: letters, digits and _, at most 128 bytes.</source>
        <translation>Partition key &quot;%1&quot; is not a MaxCompute column name: letters, digits and _, at most 128 bytes.</translation>
    </message>
    <message>
        <source>&quot;*&quot; must be the only destination column.</source>
        <translation>&quot;*&quot; must be the only destination column.</translation>
    </message>
    <message>
        <source>&quot;*&quot; (all columns in table order) is not recommended: list the columns.</source>
        <translation>&quot;*&quot; (all columns in table order) is not recommended: list the columns.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a MaxCompute column name: use letters, digits and _.</source>
        <translation>&quot;%1&quot; is not a MaxCompute column name: use letters, digits and _.</translation>
    </message>
    <message>
        <source>Source field &quot;%1&quot; is mapped twice: each source field maps to one destination column.</source>
        <translation>Source field &quot;%1&quot; is mapped twice: each source field maps to one destination column.</translation>
    </message>
    <message>
        <source>Destination column &quot;%1&quot; is mapped twice: each destination column takes one source field.</source>
        <translation>Destination column &quot;%1&quot; is mapped twice: each destination column takes one source field.</translation>
    </message>
    <message>
        <source>%1 destination columns for %2 source fields: both lists need the same length.</source>
        <translation>%1 destination columns for %2 source fields: both lists need the same length.</translation>
    </message>
    <message>
        <source>Throttling is on but no rate is set: nothing is throttled.</source>
        <translation>Throttling is on but no rate is set: nothing is throttled.</translation>
    </message>
    <message>
        <source>The task has no order: DataWorks expects the hop %1.</source>
        <translation>The task has no order: DataWorks expects the hop %1.</translation>
    </message>
    <message>
        <source>order.hops must list the hop %1.</source>
        <translation>order.hops must list the hop %1.</translation>
    </message>
    <message>
        <source>The hop %1 does not join the steps: expected %2.</source>
        <translation>The hop %1 does not join the steps: expected %2.</translation>
    </message>
    <message>
        <source>The source uses ${...} parameters but the parameter line assigns none.</source>
        <translation>The source uses ${...} parameters but the parameter line assigns none.</translation>
    </message>
    <message>
        <source>${%1} has no value: assign it in the parameter line.</source>
        <translation>${%1} has no value: assign it in the parameter line.</translation>
    </message>
    <message>
        <source>${%1} is neither a parameter name nor a scheduling expression.</source>
        <translation>${%1} is neither a parameter name nor a scheduling expression.</translation>
    </message>
    <message>
        <source>Datasource &quot;%1&quot; cannot be used: %2</source>
        <translation>Datasource &quot;%1&quot; cannot be used: %2</translation>
    </message>
    <message>
        <source>Datasource &quot;%1&quot; is of type %2; here %3 is needed.</source>
        <translation>Datasource &quot;%1&quot; is of type %2; here %3 is needed.</translation>
    </message>
    <message>
        <source>Datasource &quot;%1&quot; is incomplete: %2</source>
        <translation>Datasource &quot;%1&quot; is incomplete: %2</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::JsonTreeModel</name>
    <message>
        <source>object</source>
        <translation>object</translation>
    </message>
    <message>
        <source>array</source>
        <translation>array</translation>
    </message>
    <message>
        <source>string</source>
        <translation>string</translation>
    </message>
    <message>
        <source>number</source>
        <translation>number</translation>
    </message>
    <message>
        <source>boolean</source>
        <translation>boolean</translation>
    </message>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message numerus="yes">
        <source>{%n key(s)}</source>
        <translation>
            <numerusform>{%n key}</numerusform>
            <numerusform>{%n keys}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%n element(s)]</source>
        <translation>
            <numerusform>[%n element]</numerusform>
            <numerusform>[%n elements]</numerusform>
        </translation>
    </message>
    <message>
        <source>Click to add %1 as a source field</source>
        <translation>Click to add %1 as a source field</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::JsonViewDialog</name>
    <message>
        <source>Task JSON</source>
        <translation>Task JSON</translation>
    </message>
    <message>
        <source>DataWorks script-mode JSON, exactly as Save writes it.</source>
        <translation>DataWorks script-mode JSON, exactly as Save writes it.</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copy</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::KeychainSecretLookup</name>
    <message>
        <source>no desktop keychain is set up for kmsync</source>
        <translation>no desktop keychain is set up for kmsync</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::MainWindow</name>
    <message>
        <source>Open Sa&amp;mple Task</source>
        <translation>Open Sa&amp;mple Task</translation>
    </message>
    <message>
        <source>New to kmsync? The sample task reads 48 hours of click events from the built-in sandbox Kafka into a local warehouse: open it and press Run.</source>
        <translation>New to kmsync? The sample task reads 48 hours of click events from the built-in sandbox Kafka into a local warehouse: open it and press Run.</translation>
    </message>
    <message>
        <source>Open the sample task</source>
        <translation>Open the sample task</translation>
    </message>
    <message>
        <source>Could not create the sample workspace %1.</source>
        <translation>Could not create the sample workspace %1.</translation>
    </message>
    <message>
        <source>Could not copy the sample task to %1.</source>
        <translation>Could not copy the sample task to %1.</translation>
    </message>
    <message>
        <source>Could not create the sample warehouse table: %1</source>
        <translation>Could not create the sample warehouse table: %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Open &amp;Recent</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;New Task</source>
        <translation>&amp;New Task</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Open…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Save &amp;As…</translation>
    </message>
    <message>
        <source>View &amp;JSON</source>
        <translation>View &amp;JSON</translation>
    </message>
    <message>
        <source>&amp;Validate</source>
        <translation>&amp;Validate</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;About kmsync</source>
        <translation>&amp;About kmsync</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Main toolbar</translation>
    </message>
    <message>
        <source>%1[*] — kmsync</source>
        <translation>%1[*] — kmsync</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Untitled</translation>
    </message>
    <message>
        <source>Could not open %1: %2</source>
        <translation>Could not open %1: %2</translation>
    </message>
    <message>
        <source>Could not load %1: %2</source>
        <translation>Could not load %1: %2</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>Opened %1</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>Could not save %1: %2</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Saved %1</translation>
    </message>
    <message numerus="yes">
        <source>Saved %1 with %n problem(s)</source>
        <translation>
            <numerusform>Saved %1 with %n problem(s)</numerusform>
            <numerusform>Saved %1 with %n problem(s)</numerusform>
        </translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>The task has unsaved changes. Save them first?</source>
        <translation>The task has unsaved changes. Save them first?</translation>
    </message>
    <message>
        <source>Open task</source>
        <translation>Open task</translation>
    </message>
    <message>
        <source>Task files (*.json);;All files (*)</source>
        <translation>Task files (*.json);;All files (*)</translation>
    </message>
    <message>
        <source>Save task</source>
        <translation>Save task</translation>
    </message>
    <message>
        <source>Task files (*.json)</source>
        <translation>Task files (*.json)</translation>
    </message>
    <message>
        <source>About kmsync</source>
        <translation>About kmsync</translation>
    </message>
    <message>
        <source>&lt;h3&gt;kmsync %1&lt;/h3&gt;&lt;p&gt;Kafka → MaxCompute batch synchronization on the desktop, configured like DataWorks&apos; codeless UI and saved as DataWorks script-mode JSON.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;kmsync %1&lt;/h3&gt;&lt;p&gt;Kafka → MaxCompute batch synchronization on the desktop, configured like DataWorks&apos; codeless UI and saved as DataWorks script-mode JSON.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <source>&amp;Datasources…</source>
        <translation>&amp;Datasources…</translation>
    </message>
    <message>
        <source>&amp;Run with Parameters</source>
        <translation>&amp;Run with Parameters</translation>
    </message>
    <message>
        <source>&amp;Cancel Run</source>
        <translation>&amp;Cancel Run</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Run</translation>
    </message>
    <message>
        <source>Run in progress</source>
        <translation>Run in progress</translation>
    </message>
    <message>
        <source>A run is in progress. Cancel it and close? Nothing it wrote is committed.</source>
        <translation>A run is in progress. Cancel it and close? Nothing it wrote is committed.</translation>
    </message>
    <message>
        <source>&amp;Preview Messages…</source>
        <translation>&amp;Preview Messages…</translation>
    </message>
    <message>
        <source>Re&amp;sults</source>
        <translation>Re&amp;sults</translation>
    </message>
    <message>
        <source>Check &amp;Production…</source>
        <translation>Check &amp;Production…</translation>
    </message>
    <message>
        <source>&amp;Backfill…</source>
        <translation>&amp;Backfill…</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Results</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>Opening %1…</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>Saving %1…</translation>
    </message>
    <message>
        <source>Closing when the save has finished…</source>
        <translation>Closing when the save has finished…</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::MappedToDelegate</name>
    <message>
        <source>(not mapped)</source>
        <translation>(not mapped)</translation>
    </message>
    <message>
        <source>%1 (fed by %2)</source>
        <translation>%1 (fed by %2)</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::MessagePreviewDialog</name>
    <message numerus="yes">
        <source>Reading up to %n message(s)…</source>
        <translation>
            <numerusform>Reading up to %n message…</numerusform>
            <numerusform>Reading up to %n messages…</numerusform>
        </translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>Partition</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>Offset</translation>
    </message>
    <message>
        <source>Timestamp</source>
        <translation>Timestamp</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Dirty: %1</source>
        <translation>Dirty: %1</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Table %1 does not exist yet: the columns are those of the generated DDL.</source>
        <translation>Table %1 does not exist yet: the columns are those of the generated DDL.</translation>
    </message>
    <message>
        <source>This message has no value (a tombstone).</source>
        <translation>This message has no value (a tombstone).</translation>
    </message>
    <message>
        <source>The value is not JSON: %1</source>
        <translation>The value is not JSON: %1</translation>
    </message>
    <message>
        <source>Source fields cannot be added here.</source>
        <translation>Source fields cannot be added here.</translation>
    </message>
    <message>
        <source>%1 was not added: %2</source>
        <translation>%1 was not added: %2</translation>
    </message>
    <message>
        <source>Added %1 to the source fields.</source>
        <translation>Added %1 to the source fields.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) read, %1 dirty.</source>
        <translation>
            <numerusform>%n message read, %1 dirty.</numerusform>
            <numerusform>%n messages read, %1 dirty.</numerusform>
        </translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Drift</source>
        <translation>Drift</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::QueryPanel</name>
    <message>
        <source>&amp;Stop query</source>
        <translation>&amp;Stop query</translation>
    </message>
    <message>
        <source>Running the query…</source>
        <translation>Running the query…</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s).</source>
        <translation>
            <numerusform>%n row.</numerusform>
            <numerusform>%n rows.</numerusform>
        </translation>
    </message>
    <message>
        <source>Only the first %1 rows are shown.</source>
        <translation>Only the first %1 rows are shown.</translation>
    </message>
    <message>
        <source>Run a query first: there is no result to export.</source>
        <translation>Run a query first: there is no result to export.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Could not write %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) to %1.</source>
        <translation>
            <numerusform>Exported %n row to %1.</numerusform>
            <numerusform>Exported %n rows to %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Export CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>An export is still being written to %1.</source>
        <translation>An export is still being written to %1.</translation>
    </message>
    <message>
        <source>The task names no destination table.</source>
        <translation>The task names no destination table.</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::RunPanel</name>
    <message>
        <source>Records/s</source>
        <translation>Records/s</translation>
    </message>
    <message>
        <source>Elapsed (s)</source>
        <translation>Elapsed (s)</translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>Partition</translation>
    </message>
    <message>
        <source>Start offset</source>
        <translation>Start offset</translation>
    </message>
    <message>
        <source>End offset</source>
        <translation>End offset</translation>
    </message>
    <message>
        <source>Next offset</source>
        <translation>Next offset</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Running…</translation>
    </message>
    <message>
        <source>Running: %1 read, %2 written, %3 dirty, %4 records/s</source>
        <translation>Running: %1 read, %2 written, %3 dirty, %4 records/s</translation>
    </message>
    <message>
        <source>✔ Done: %1 read, %2 written, %3 dirty in %4 s into partition %5.</source>
        <translation>✔ Done: %1 read, %2 written, %3 dirty in %4 s into partition %5.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Cancelled: nothing was committed.</source>
        <translation>Cancelled: nothing was committed.</translation>
    </message>
    <message>
        <source>✖ Failed (%1): %2</source>
        <translation>✖ Failed (%1): %2</translation>
    </message>
    <message>
        <source>partition %1: %2 before, %3 after</source>
        <translation>partition %1: %2 before, %3 after</translation>
    </message>
    <message>
        <source>Window audit: every record read has a timestamp inside the window.</source>
        <translation>Window audit: every record read has a timestamp inside the window.</translation>
    </message>
    <message>
        <source>Window audit: %1 record(s) read have a timestamp before the window and %2 after it (%3).</source>
        <translation>Window audit: %1 record(s) read have a timestamp before the window and %2 after it (%3).</translation>
    </message>
    <message>
        <source>Offset ledger: no earlier run of this task to compare with.</source>
        <translation>Offset ledger: no earlier run of this task to compare with.</translation>
    </message>
    <message>
        <source>Offset ledger: this run starts exactly where the run into %1 ended.</source>
        <translation>Offset ledger: this run starts exactly where the run into %1 ended.</translation>
    </message>
    <message>
        <source>partition %1: %2 offset(s) never read</source>
        <translation>partition %1: %2 offset(s) never read</translation>
    </message>
    <message>
        <source>partition %1: %2 offset(s) read again</source>
        <translation>partition %1: %2 offset(s) read again</translation>
    </message>
    <message>
        <source>Generate table schema…</source>
        <translation>Generate table schema…</translation>
    </message>
    <message>
        <source>Offset ledger: this run does not join the run into %1: %2.</source>
        <translation>Offset ledger: this run does not join the run into %1: %2.</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::RunWorker</name>
    <message>
        <source>parameters: %1</source>
        <translation>parameters: %1</translation>
    </message>
    <message>
        <source>window: %1</source>
        <translation>window: %1</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::SchedulingPage</name>
    <message>
        <source>Every 5 minutes</source>
        <translation>Every 5 minutes</translation>
    </message>
    <message>
        <source>Every hour</source>
        <translation>Every hour</translation>
    </message>
    <message>
        <source>Every day</source>
        <translation>Every day</translation>
    </message>
    <message>
        <source>Every week</source>
        <translation>Every week</translation>
    </message>
    <message>
        <source>Every month</source>
        <translation>Every month</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>Minute</source>
        <translation>Minute</translation>
    </message>
    <message>
        <source>Hour</source>
        <translation>Hour</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Week</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Scheduled time</source>
        <translation>Scheduled time</translation>
    </message>
    <message>
        <source>startTime</source>
        <translation>startTime</translation>
    </message>
    <message>
        <source>endTime</source>
        <translation>endTime</translation>
    </message>
    <message>
        <source>Other parameters</source>
        <translation>Other parameters</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Window</translation>
    </message>
    <message>
        <source>&amp;Start from:</source>
        <translation>&amp;Start from:</translation>
    </message>
    <message>
        <source>Run &amp;at:</source>
        <translation>Run &amp;at:</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>Assign both startTime and endTime: they give the [start, end) window the task reads.</source>
        <translation>Assign both startTime and endTime: they give the [start, end) window the task reads.</translation>
    </message>
    <message>
        <source>first</source>
        <translation>first</translation>
    </message>
    <message>
        <source>contiguous</source>
        <translation>contiguous</translation>
    </message>
    <message>
        <source>GAP of %1: data in between is never read</source>
        <translation>GAP of %1: data in between is never read</translation>
    </message>
    <message>
        <source>OVERLAP of %1: data in between is read twice</source>
        <translation>OVERLAP of %1: data in between is read twice</translation>
    </message>
    <message>
        <source>At %1: %2</source>
        <translation>At %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n gap(s) between consecutive windows: some data would never be read.</source>
        <translation>
            <numerusform>%n gap(s) between consecutive windows: some data would never be read.</numerusform>
            <numerusform>%n gap(s) between consecutive windows: some data would never be read.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overlap(s) between consecutive windows: some data would be read twice.</source>
        <translation>
            <numerusform>%n overlap(s) between consecutive windows: some data would be read twice.</numerusform>
            <numerusform>%n overlap(s) between consecutive windows: some data would be read twice.</numerusform>
        </translation>
    </message>
    <message>
        <source>✔ The parameters resolve to contiguous windows.</source>
        <translation>✔ The parameters resolve to contiguous windows.</translation>
    </message>
    <message>
        <source>%1: %2, %3, %4 with errors.</source>
        <translation>%1: %2, %3, %4 with errors.</translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s)</source>
        <translation>
            <numerusform>%n instance</numerusform>
            <numerusform>%n instances</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n gap(s)</source>
        <translation>
            <numerusform>%n gap</numerusform>
            <numerusform>%n gaps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overlap(s)</source>
        <translation>
            <numerusform>%n overlap</numerusform>
            <numerusform>%n overlaps</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kmsync::ui::SecretPrompt</name>
    <message>
        <source>Secret for &quot;%1&quot;</source>
        <translation>Secret for &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Datasource &quot;%1&quot; needs its %2, which is kept in the desktop keychain, but the keychain did not give it: %3

Enter it for this action only; it is not saved anywhere.</source>
        <translation>Datasource &quot;%1&quot; needs its %2, which is kept in the desktop keychain, but the keychain did not give it: %3

Enter it for this action only; it is not saved anywhere.</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::SourcePage</name>
    <message>
        <source>Specific time</source>
        <translation>Specific time</translation>
    </message>
    <message>
        <source>Partition start offset (earliest)</source>
        <translation>Partition start offset (earliest)</translation>
    </message>
    <message>
        <source>Group current offset</source>
        <translation>Group current offset</translation>
    </message>
    <message>
        <source>Specific offset</source>
        <translation>Specific offset</translation>
    </message>
    <message>
        <source>Partition latest offset</source>
        <translation>Partition latest offset</translation>
    </message>
    <message>
        <source>Exit when the configured end offset or time is reached</source>
        <translation>Exit when the configured end offset or time is reached</translation>
    </message>
    <message>
        <source>Exit when a poll returns nothing for 1 minute</source>
        <translation>Exit when a poll returns nothing for 1 minute</translation>
    </message>
    <message>
        <source>server time zone (%1)</source>
        <translation>server time zone (%1)</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>Property</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Listing the topics of &quot;%1&quot;…</source>
        <translation>Listing the topics of &quot;%1&quot;…</translation>
    </message>
    <message>
        <source>Could not list topics: %1</source>
        <translation>Could not list topics: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n topic(s) found.</source>
        <translation>
            <numerusform>%n topic(s) found.</numerusform>
            <numerusform>%n topic(s) found.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kmsync::ui::TaskEditor</name>
    <message>
        <source>&amp;Source</source>
        <translation>&amp;Source</translation>
    </message>
    <message>
        <source>&amp;Destination</source>
        <translation>&amp;Destination</translation>
    </message>
    <message>
        <source>Field &amp;mapping</source>
        <translation>Field &amp;mapping</translation>
    </message>
    <message>
        <source>Sc&amp;heduling</source>
        <translation>Sc&amp;heduling</translation>
    </message>
    <message>
        <source>Se&amp;ttings</source>
        <translation>Se&amp;ttings</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::DriftPanel</name>
    <message>
        <source>Fields the mapping does not read (select rows to add them):</source>
        <translation>Fields the mapping does not read (select rows to add them):</translation>
    </message>
    <message>
        <source>Mapped fields no message contained:</source>
        <translation>Mapped fields no message contained:</translation>
    </message>
    <message>
        <source>Mapped values that do not convert to the column type:</source>
        <translation>Mapped values that do not convert to the column type:</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Path</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>JSON types</source>
        <translation>JSON types</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>Sample</translation>
    </message>
    <message>
        <source>New column</source>
        <translation>New column</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>Values</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Add to &amp;mapping</source>
        <translation>Add to &amp;mapping</translation>
    </message>
    <message>
        <source>Adds the selected paths as source fields, each linked to its new column</source>
        <translation>Adds the selected paths as source fields, each linked to its new column</translation>
    </message>
    <message>
        <source>Alter &amp;table…</source>
        <translation>Alter &amp;table…</translation>
    </message>
    <message>
        <source>Shows the ALTER TABLE ... ADD COLUMNS for the fields the mapping does not read</source>
        <translation>Shows the ALTER TABLE ... ADD COLUMNS for the fields the mapping does not read</translation>
    </message>
    <message>
        <source>Fetch messages to see what they hold that the mapping does not.</source>
        <translation>Fetch messages to see what they hold that the mapping does not.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s), %1 not JSON.</source>
        <translation>
            <numerusform>%n message, %1 not JSON.</numerusform>
            <numerusform>%n messages, %1 not JSON.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) not mapped</source>
        <translation>
            <numerusform>%n field not mapped</numerusform>
            <numerusform>%n fields not mapped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mapped field(s) never seen</source>
        <translation>
            <numerusform>%n mapped field never seen</numerusform>
            <numerusform>%n mapped fields never seen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n type conflict(s).</source>
        <translation>
            <numerusform>%n type conflict.</numerusform>
            <numerusform>%n type conflicts.</numerusform>
        </translation>
    </message>
    <message>
        <source>Only the first %1 distinct paths were tracked.</source>
        <translation>Only the first %1 distinct paths were tracked.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Not added: %1</source>
        <translation>Not added: %1</translation>
    </message>
    <message>
        <source>Added %1 to the mapping.</source>
        <translation>Added %1 to the mapping.</translation>
    </message>
    <message>
        <source>Table %1 altered; the mapping grid shows its new columns.</source>
        <translation>Table %1 altered; the mapping grid shows its new columns.</translation>
    </message>
</context>
</TS>
