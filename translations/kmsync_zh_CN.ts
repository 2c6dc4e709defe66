<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DestinationPage</name>
    <message>
        <source>Destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Data source:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A MaxCompute project or a local warehouse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Table:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the tables of the selected data source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Partition:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ds=${partition}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key=value pairs, one per partition key column, separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Write mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partition values usually come from scheduling parameters such as ${partition}; they are resolved when the task runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear existing data before writing (insert overwrite)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep existing data (insert into)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listing the tables of &quot;%1&quot;…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list tables: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) found.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Partition key column %1 =</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldMappingModel</name>
    <message>
        <source>A source field needs a name or JSON path, e.g. a.a1 or d[0].AA.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source field &quot;%1&quot; is already listed; each field can be mapped only once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column &quot;%1&quot; is already fed by &quot;%2&quot;: each destination column can have only one source field. Unmap &quot;%2&quot; first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not mapped: this field is not synchronized.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No source field feeds this column: NULL is written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The destination table has no column &quot;%1&quot;; allowed are: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mapped to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written from</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldMappingPage</name>
    <message>
        <source>&amp;Add field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map by &amp;name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map fields with the same name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map by &amp;row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map fields in the same row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear mappings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 destination columns mapped; %3 receive NULL. %4 source field(s) are not synchronized.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JsonViewDialog</name>
    <message>
        <source>Task JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DataWorks script-mode JSON, exactly as Save writes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View &amp;JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Validate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About kmsync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1[*] — kmsync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Saved %1 with %n problem(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The task has unsaved changes. Save them first?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task files (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About kmsync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;kmsync %1&lt;/h3&gt;&lt;p&gt;Kafka → MaxCompute batch synchronization on the desktop, configured like DataWorks&apos; codeless UI and saved as DataWorks script-mode JSON.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MappedToDelegate</name>
    <message>
        <source>(not mapped)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (fed by %2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SchedulingPage</name>
    <message>
        <source>Scheduling cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cycle:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Interval:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;nd at:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run on &amp;weekday:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run on &amp;day:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduling parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Para&amp;meters:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>startTime=$[yyyymmddhh24-1/24]0000 endTime=$[yyyymmddhh24]0000 partition=$[yyyymmddhh24]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From &amp;date:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;ays:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every 5 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>startTime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>endTime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run &amp;at:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assign both startTime and endTime: they give the [start, end) window the task reads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contiguous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GAP of %1: data in between is never read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OVERLAP of %1: data in between is read twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 instance(s): %2 gap(s), %3 overlap(s), %4 with errors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n gap(s) between consecutive windows: some data would never be read.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overlap(s) between consecutive windows: some data would be read twice.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>✔ The parameters resolve to contiguous windows.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Dirty data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Error limit (records):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dirty records tolerated before the run fails; 0 = zero tolerance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Concurrency:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Throttle the transfer rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rate (MB/s):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rerun</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto rerun upon &amp;error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of re-r&amp;uns:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rerun &amp;interval (minutes):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SourcePage</name>
    <message>
        <source>Kafka source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Data source:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Kafka data source (a registered cluster) to read from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Topic:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The topic to read; Refresh lists the topics of the cluster.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the topics of the selected data source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumer &amp;group ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: a random group prefixed datax_</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read &amp;from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start time:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yyyymmddhhmmss or ${startTime}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start &amp;offset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 15553274</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read t&amp;o:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;End time:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yyyymmddhhmmss or ${endTime}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End o&amp;ffset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 15560000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time &amp;zone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xit strategy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Key type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Value type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;ncoding:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advanced Kafka properties (kafkaConfig)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add property</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move property</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Specific time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partition start offset (earliest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group current offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Specific offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partition latest offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit when the configured end offset or time is reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit when a poll returns nothing for 1 minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server time zone (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Property</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listing the topics of &quot;%1&quot;…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list topics: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n topic(s) found.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TaskEditor</name>
    <message>
        <source>&amp;Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field &amp;mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sc&amp;heduling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Se&amp;ttings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
