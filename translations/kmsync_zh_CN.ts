<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Advice</name>
    <message>
        <source>Create it with Generate table schema &gt; Create table.</source>
        <translation>请用“一键生成目标表 &gt; 创建表”创建它。</translation>
    </message>
    <message>
        <source>Only queries run here; create tables with Generate table schema &gt; Create table.</source>
        <translation>这里只运行查询；请用“一键生成目标表 &gt; 创建表”创建表。</translation>
    </message>
    <message>
        <source>Add it with Tools &gt; Datasources… (saved as datasources.json next to the task).</source>
        <translation>请通过 工具 &gt; 数据源… 添加（保存为任务文件旁的 datasources.json）。</translation>
    </message>
    <message>
        <source>Pick a cycle.</source>
        <translation>请选择调度周期。</translation>
    </message>
    <message>
        <source>Under Business dates, pick a first date on or before the last one.</source>
        <translation>请在“业务日期”中选择不晚于结束日期的开始日期。</translation>
    </message>
</context>
<context>
    <name>Backfill</name>
    <message>
        <source>the first business date %1 is after the last one, %2</source>
        <translation>开始业务日期 %1 晚于结束业务日期 %2</translation>
    </message>
    <message>
        <source>the task has no schedule (kmsync.schedule)</source>
        <translation>任务没有调度配置（kmsync.schedule）</translation>
    </message>
</context>
<context>
    <name>CheckProductionDialog</name>
    <message>
        <source>Check production</source>
        <translation>检查生产环境</translation>
    </message>
    <message>
        <source>Check &amp;again</source>
        <translation>重新检查(&amp;A)</translation>
    </message>
</context>
<context>
    <name>Connector</name>
    <message>
        <source>Connected to MaxCompute project %1: %2 table(s).</source>
        <translation>已连接到 MaxCompute 项目 %1：%2 张表。</translation>
    </message>
    <message>
        <source>ran %1 statement(s) on MaxCompute project %2</source>
        <translation>已在 MaxCompute 项目 %2 上执行 %1 条语句</translation>
    </message>
    <message>
        <source>only one read-only SELECT (or WITH ... SELECT) can run as a query</source>
        <translation>查询只能是一条只读的 SELECT（或 WITH ... SELECT）语句</translation>
    </message>
    <message>
        <source>Opened %1: %2 table(s).</source>
        <translation>已打开 %1：%2 张表。</translation>
    </message>
</context>
<context>
    <name>Cycle</name>
    <message>
        <source>every minute from %1 to %2</source>
        <translation>从 %1 到 %2 每分钟</translation>
    </message>
    <message>
        <source>every %1 minutes from %2 to %3</source>
        <translation>从 %2 到 %3 每 %1 分钟</translation>
    </message>
    <message>
        <source>every hour from %1 to %2</source>
        <translation>从 %1 到 %2 每小时</translation>
    </message>
    <message>
        <source>every %1 hours from %2 to %3</source>
        <translation>从 %2 到 %3 每 %1 小时</translation>
    </message>
    <message>
        <source>every day at %1</source>
        <translation>每天 %1</translation>
    </message>
    <message>
        <source>every %1 at %2</source>
        <translation>每%1 %2</translation>
    </message>
    <message>
        <source>every month on day %1 at %2</source>
        <translation>每月 %1 日 %2</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>周日</translation>
    </message>
</context>
<context>
    <name>DatasourceDialog</name>
    <message>
        <source>Datasources</source>
        <translation>数据源</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>测试连通性(&amp;T)</translation>
    </message>
    <message>
        <source>Connect to the selected datasource and report what was found</source>
        <translation>连接所选数据源并报告结果</translation>
    </message>
    <message>
        <source>Secrets of the selected datasource</source>
        <translation>所选数据源的密钥</translation>
    </message>
    <message>
        <source>&amp;Save secrets</source>
        <translation>保存密钥(&amp;S)</translation>
    </message>
    <message>
        <source>Store the secrets typed above: in the desktop keychain where chosen (datasources.json then keeps only a ${keychain:…} reference), otherwise in datasources.json</source>
        <translation>保存上面输入的密钥：勾选处存入桌面钥匙串（datasources.json 中只保留 ${keychain:…} 引用），其余写入 datasources.json</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <source>Add a Kafka, MaxCompute or local warehouse datasource to datasources.json</source>
        <translation>向 datasources.json 添加 Kafka、MaxCompute 或本地数据仓库数据源</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>Change the selected datasource&apos;s name, type or connections</source>
        <translation>修改所选数据源的名称、类型或连接</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <source>Remove the selected datasource from datasources.json</source>
        <translation>从 datasources.json 中删除所选数据源</translation>
    </message>
</context>
<context>
    <name>DatasourceEditDialog</name>
    <message>
        <source>Datasource</source>
        <translation>数据源</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Letters A–Z, a–z, digits and _; tasks refer to the datasource by this name</source>
        <translation>字母 A–Z、a–z、数字和 _；任务通过此名称引用数据源</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>类型(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Environments:</source>
        <translation>环境(&amp;V)：</translation>
    </message>
</context>
<context>
    <name>Datasources</name>
    <message>
        <source>%1 has %2</source>
        <translation>%1 中有：%2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>known: %1</source>
        <translation>已知数据源：%1</translation>
    </message>
    <message>
        <source>unknown datasource &quot;%1&quot;; %2</source>
        <translation>未知数据源“%1”；%2</translation>
    </message>
    <message>
        <source>no datasources file was found</source>
        <translation>未找到数据源文件</translation>
    </message>
</context>
<context>
    <name>DdlDialog</name>
    <message>
        <source>Destination table schema</source>
        <translation>目标表结构</translation>
    </message>
    <message>
        <source>The destination table DataWorks would generate for this task: the six Kafka fields, one column per JSON path the task maps, and its partition keys. Edit it if needed, then create the table.</source>
        <translation>DataWorks 为该任务生成的目标表：六个 Kafka 字段、任务映射的每个 JSON 路径各一列，以及分区键。可按需修改，然后创建该表。</translation>
    </message>
    <message>
        <source>Create &amp;table</source>
        <translation>创建表(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
</context>
<context>
    <name>DestinationPage</name>
    <message>
        <source>Destination</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>&amp;Data source:</source>
        <translation>数据源(&amp;D):</translation>
    </message>
    <message>
        <source>A MaxCompute project or a local warehouse.</source>
        <translation>MaxCompute 项目或本地数仓。</translation>
    </message>
    <message>
        <source>&amp;Table:</source>
        <translation>表(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>List the tables of the selected data source</source>
        <translation>列出所选数据源中的表</translation>
    </message>
    <message>
        <source>&amp;Partition:</source>
        <translation>分区(&amp;P):</translation>
    </message>
    <message>
        <source>ds=${partition}</source>
        <translation>ds=${partition}</translation>
    </message>
    <message>
        <source>key=value pairs, one per partition key column, separated by commas</source>
        <translation>key=value 形式，每个分区键列一个，用逗号分隔</translation>
    </message>
    <message>
        <source>&amp;Write mode:</source>
        <translation>写入模式(&amp;W):</translation>
    </message>
    <message>
        <source>Partition values usually come from scheduling parameters such as ${partition}; they are resolved when the task runs.</source>
        <translation>分区值通常来自 ${partition} 等调度参数，任务运行时才会替换为实际值。</translation>
    </message>
    <message>
        <source>&amp;Generate table schema…</source>
        <translation>一键生成目标表(&amp;G)…</translation>
    </message>
    <message>
        <source>Generate the CREATE TABLE statement for this task and optionally create the table</source>
        <translation>为该任务生成建表语句，并可直接建表</translation>
    </message>
</context>
<context>
    <name>FieldMappingPage</name>
    <message>
        <source>&amp;Add field</source>
        <translation>添加字段(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Edit field</source>
        <translation>编辑字段(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Delete field</source>
        <translation>删除字段(&amp;D)</translation>
    </message>
    <message>
        <source>Map by &amp;name</source>
        <translation>同名映射(&amp;N)</translation>
    </message>
    <message>
        <source>Map fields with the same name</source>
        <translation>按相同名称映射字段</translation>
    </message>
    <message>
        <source>Map by &amp;row</source>
        <translation>同行映射(&amp;R)</translation>
    </message>
    <message>
        <source>Map fields in the same row</source>
        <translation>按相同行映射字段</translation>
    </message>
    <message>
        <source>&amp;Clear mappings</source>
        <translation>取消映射(&amp;C)</translation>
    </message>
</context>
<context>
    <name>KafkaAdmin</name>
    <message>
        <source>id %1 at %2:%3</source>
        <translation>ID %1，位于 %2:%3</translation>
    </message>
    <message>
        <source>%1 broker</source>
        <translation>%1 个 broker</translation>
    </message>
    <message>
        <source>%1 brokers</source>
        <translation>%1 个 broker</translation>
    </message>
    <message>
        <source>%1 topic</source>
        <translation>%1 个主题</translation>
    </message>
    <message>
        <source>%1 topics</source>
        <translation>%1 个主题</translation>
    </message>
    <message>
        <source>Connected to %1: %2 (%3), %4.</source>
        <translation>已连接到 %1：%2（%3），%4。</translation>
    </message>
    <message>
        <source>reading sample messages was cancelled</source>
        <translation>读取样例消息已取消</translation>
    </message>
    <message>
        <source>no sample messages from topic &quot;%1&quot; within %2 ms</source>
        <translation>%2 毫秒内未从主题“%1”读到样例消息</translation>
    </message>
</context>
<context>
    <name>KafkaClient</name>
    <message>
        <source>Kafka property &quot;%1&quot; was rejected (value not shown)</source>
        <translation>Kafka 属性“%1”被拒绝（不显示其值）</translation>
    </message>
    <message>
        <source>Kafka property &quot;%1&quot; was rejected: %2</source>
        <translation>Kafka 属性“%1”被拒绝：%2</translation>
    </message>
    <message>
        <source>Kafka property &quot;%1&quot; must be a string, number or boolean</source>
        <translation>Kafka 属性“%1”必须是字符串、数字或布尔值</translation>
    </message>
    <message>
        <source>cannot create the Kafka client: %1</source>
        <translation>无法创建 Kafka 客户端：%1</translation>
    </message>
    <message>
        <source>SASL authentication failed on %1: %2</source>
        <translation>在 %1 上 SASL 认证失败：%2</translation>
    </message>
    <message>
        <source>TLS handshake with %1 failed: %2</source>
        <translation>与 %1 的 TLS 握手失败：%2</translation>
    </message>
    <message>
        <source>cannot reach %1: every bootstrap broker refused the connection or could not be resolved: %2</source>
        <translation>无法连接 %1：所有引导 broker 都拒绝了连接或无法解析：%2</translation>
    </message>
    <message>
        <source>cannot reach %1 within %2 s: %3</source>
        <translation>%2 秒内无法连接 %1：%3</translation>
    </message>
    <message>
        <source>metadata request to %1 failed: %2</source>
        <translation>向 %1 请求元数据失败：%2</translation>
    </message>
    <message>
        <source>asking %1 for its metadata was cancelled</source>
        <translation>向 %1 请求元数据已取消</translation>
    </message>
</context>
<context>
    <name>KafkaSource</name>
    <message>
        <source>the sandbox (librdkafka&apos;s mock cluster) answers every time lookup with &quot;no message at or after that time&quot;; kmsync finds the window&apos;s offsets by reading the partitions instead (expected, nothing is lost)</source>
        <translation>沙箱（librdkafka 的模拟集群）对每次按时间查找位点都回答“该时间及之后没有消息”；kmsync 改为读取分区来确定窗口的位点（属预期情况，不会丢失数据）</translation>
    </message>
    <message>
        <source>topic %1: %2 partition(s), %3 message(s) to read</source>
        <translation>主题 %1：%2 个分区，待读取 %3 条消息</translation>
    </message>
    <message>
        <source>topic %1 partition %2: offsets %3 to %4 no longer exist (retention deleted them); reading starts at %5</source>
        <translation>主题 %1 分区 %2：位点 %3 至 %4 已不存在（已被保留策略删除）；从 %5 开始读取</translation>
    </message>
    <message>
        <source>topic %1: nothing polled for %2 s; stopping (stopWhenPollEmpty)</source>
        <translation>主题 %1：%2 秒内未拉取到消息；停止读取（stopWhenPollEmpty）</translation>
    </message>
    <message>
        <source>committed the consumed offsets of topic %1 for group &quot;%2&quot;</source>
        <translation>已为消费组“%2”提交主题 %1 的已消费位点</translation>
    </message>
    <message>
        <source>topic &quot;%1&quot; on %2: %3</source>
        <translation>%2 上的主题“%1”：%3</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>, ... (%1 in all)</source>
        <translation>，……（共 %1 个）</translation>
    </message>
    <message>
        <source>topic &quot;%1&quot; does not exist on bootstrap servers %2 (topics there: %3)</source>
        <translation>引导服务器 %2 上不存在主题“%1”（现有主题：%3）</translation>
    </message>
    <message>
        <source>partition: topic &quot;%1&quot; has partitions 0 to %2; there is no partition %3</source>
        <translation>partition：主题“%1”的分区为 0 至 %2；没有分区 %3</translation>
    </message>
    <message>
        <source>cancelled while resolving offsets</source>
        <translation>解析位点时已取消</translation>
    </message>
    <message>
        <source>cannot assign the partitions of topic %1: %2</source>
        <translation>无法分配主题 %1 的分区：%2</translation>
    </message>
    <message>
        <source>reading topic %1 partition %2 failed: %3</source>
        <translation>读取主题 %1 分区 %2 失败：%3</translation>
    </message>
    <message>
        <source>reading topic %1 failed: %2</source>
        <translation>读取主题 %1 失败：%2</translation>
    </message>
    <message>
        <source>%1 (at %2 of %3)</source>
        <translation>%1（读到 %2，终点 %3）</translation>
    </message>
    <message>
        <source> (last client error: %1)</source>
        <translation>（最近一次客户端错误：%1）</translation>
    </message>
    <message>
        <source>topic %1: no message for %2 s from %3 although partition(s) %4 have offsets left to read; the broker stopped answering%5</source>
        <translation>主题 %1：分区 %4 仍有位点待读取，但 %2 秒内未从 %3 收到任何消息；broker 已停止响应%5</translation>
    </message>
</context>
<context>
    <name>LocalWarehouse</name>
    <message>
        <source>table &quot;%1&quot; does not exist in warehouse %2</source>
        <translation>仓库 %2 中不存在表“%1”</translation>
    </message>
</context>
<context>
    <name>MessagePreviewDialog</name>
    <message>
        <source>Preview messages</source>
        <translation>预览消息</translation>
    </message>
    <message>
        <source>&amp;Messages:</source>
        <translation>消息数(&amp;M):</translation>
    </message>
    <message>
        <source>Which messages to read</source>
        <translation>要读取哪些消息</translation>
    </message>
    <message>
        <source>Task&apos;s range (with the run parameters)</source>
        <translation>任务的读取范围（使用运行参数）</translation>
    </message>
    <message>
        <source>Latest messages</source>
        <translation>最新消息</translation>
    </message>
    <message>
        <source>Time range</source>
        <translation>时间范围</translation>
    </message>
    <message>
        <source>&amp;Fetch</source>
        <translation>获取(&amp;F)</translation>
    </message>
    <message>
        <source>Read the messages and map them as a run would (nothing is written)</source>
        <translation>读取消息并按运行时的方式映射（不写入任何数据）</translation>
    </message>
    <message>
        <source>The selected message&apos;s value. Click a node to add its path to the task&apos;s source fields.</source>
        <translation>所选消息的 value。单击节点即可将其路径添加为任务的源字段。</translation>
    </message>
    <message>
        <source>The begin and end are in the task&apos;s time zone (the reader&apos;s timeZone)</source>
        <translation>开始和结束时间使用任务的时区（读取端的 timeZone）</translation>
    </message>
</context>
<context>
    <name>OdpsClient</name>
    <message>
        <source>Listing the tables of project %1</source>
        <translation>列出项目 %1 的表</translation>
    </message>
    <message>
        <source>Reading table %1.%2</source>
        <translation>读取表 %1.%2</translation>
    </message>
    <message>
        <source>Checking partition %1 of table %2</source>
        <translation>检查表 %2 的分区 %1</translation>
    </message>
    <message>
        <source>Submitting SQL &quot;%1&quot;</source>
        <translation>提交 SQL“%1”</translation>
    </message>
    <message>
        <source>Polling SQL instance %1</source>
        <translation>轮询 SQL 实例 %1</translation>
    </message>
    <message>
        <source>Reading the result of SQL instance %1</source>
        <translation>读取 SQL 实例 %1 的结果</translation>
    </message>
    <message>
        <source>SQL &quot;%1&quot; failed (instance %2): %3</source>
        <translation>SQL“%1”执行失败（实例 %2）：%3</translation>
    </message>
    <message>
        <source>SQL instance %1 did not finish within %2 s.</source>
        <translation>SQL 实例 %1 未在 %2 秒内完成。</translation>
    </message>
</context>
<context>
    <name>OdpsTransport</name>
    <message>
        <source>%1 was cancelled.</source>
        <translation>%1已取消。</translation>
    </message>
    <message>
        <source>%1 on %2 got no answer within %3 ms.</source>
        <translation>%1（%2）在 %3 毫秒内没有应答。</translation>
    </message>
    <message>
        <source>%1 on %2 failed: %3</source>
        <translation>%1（%2）失败：%3</translation>
    </message>
    <message>
        <source>Retrying in %1 ms (attempt %2 of %3): %4</source>
        <translation>%1 毫秒后重试（第 %2 次，共 %3 次）：%4</translation>
    </message>
    <message>
        <source>%1 failed: HTTP %2</source>
        <translation>%1失败：HTTP %2</translation>
    </message>
    <message>
        <source> (request id %1)</source>
        <translation>（请求 ID %1）</translation>
    </message>
    <message>
        <source>. Check the AccessKey ID/secret, the STS token and the computer&apos;s clock.</source>
        <translation>。请检查 AccessKey ID/Secret、STS 令牌以及本机时钟。</translation>
    </message>
    <message>
        <source>Tunnel endpoint discovery</source>
        <translation>查找 Tunnel 端点</translation>
    </message>
</context>
<context>
    <name>OffsetResolver</name>
    <message>
        <source>the broker answered &quot;no message at or after %1&quot;, but the last message (offset %2) has timestamp %3</source>
        <translation>Broker 回答“%1 及之后没有消息”，但最后一条消息（位点 %2）的时间戳为 %3</translation>
    </message>
    <message>
        <source>the broker answered offset %1, below the log start offset %2</source>
        <translation>Broker 回答的位点 %1 低于日志起始位点 %2</translation>
    </message>
    <message>
        <source>the broker answered offset %1 for time %2, but that message has timestamp %3</source>
        <translation>Broker 对时间 %2 回答位点 %1，但该消息的时间戳为 %3</translation>
    </message>
    <message>
        <source>the broker answered offset %1 for time %2, but the message before it (offset %3) already has timestamp %4</source>
        <translation>Broker 对时间 %2 回答位点 %1，但其前一条消息（位点 %3）的时间戳已是 %4</translation>
    </message>
    <message>
        <source>topic %1 partition %2: the broker&apos;s time lookup is wrong (%3); finding the offset by reading the partition instead</source>
        <translation>主题 %1 分区 %2：Broker 的按时间查找位点结果有误（%3）；改为读取分区来确定位点</translation>
    </message>
</context>
<context>
    <name>QueryPanel</name>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>C&amp;heck:</source>
        <translation>检查(&amp;H):</translation>
    </message>
    <message>
        <source>Prefilled checks of the task&apos;s table and partition</source>
        <translation>针对任务目标表和分区预置的检查语句</translation>
    </message>
    <message>
        <source>Run &amp;query</source>
        <translation>执行查询(&amp;Q)</translation>
    </message>
    <message>
        <source>Run the read-only query on the task&apos;s destination</source>
        <translation>在任务的目标端执行只读查询</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>导出 CSV(&amp;E)…</translation>
    </message>
</context>
<context>
    <name>RunPanel</name>
    <message>
        <source>Records per second over the run&apos;s elapsed seconds</source>
        <translation>本次运行按已用秒数统计的每秒记录数</translation>
    </message>
    <message>
        <source>&amp;Scheduled time:</source>
        <translation>定时时间(&amp;S):</translation>
    </message>
    <message>
        <source>Para&amp;meters:</source>
        <translation>参数(&amp;M):</translation>
    </message>
    <message>
        <source>name=expression assignments evaluated against the scheduled time, e.g. startTime=$[yyyymmddhh24-1/24]0000</source>
        <translation>name=表达式 形式的赋值，按定时时间求值，例如 startTime=$[yyyymmddhh24-1/24]0000</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>Cance&amp;l run</source>
        <translation>取消运行(&amp;L)</translation>
    </message>
    <message>
        <source>Rerun &amp;now</source>
        <translation>立即重跑(&amp;N)</translation>
    </message>
    <message>
        <source>Start the next attempt now instead of waiting</source>
        <translation>不再等待，立即开始下一次尝试</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop waiting and end the run; nothing was committed</source>
        <translation>停止等待并结束运行；没有提交任何数据</translation>
    </message>
</context>
<context>
    <name>SchedulingPage</name>
    <message>
        <source>Scheduling cycle</source>
        <translation>调度周期</translation>
    </message>
    <message>
        <source>&amp;Preset:</source>
        <translation>预设(&amp;P):</translation>
    </message>
    <message>
        <source>&amp;Cycle:</source>
        <translation>周期(&amp;C):</translation>
    </message>
    <message>
        <source>&amp;Interval:</source>
        <translation>时间间隔(&amp;I):</translation>
    </message>
    <message>
        <source>&amp;Start from:</source>
        <translation>开始时间(&amp;S):</translation>
    </message>
    <message>
        <source>E&amp;nd at:</source>
        <translation>结束时间(&amp;N):</translation>
    </message>
    <message>
        <source>Run on &amp;weekday:</source>
        <translation>指定星期(&amp;W):</translation>
    </message>
    <message>
        <source>Run on &amp;day:</source>
        <translation>指定日期(&amp;D):</translation>
    </message>
    <message>
        <source>Scheduling parameters</source>
        <translation>调度参数</translation>
    </message>
    <message>
        <source>Para&amp;meters:</source>
        <translation>参数(&amp;M):</translation>
    </message>
    <message>
        <source>startTime=$[yyyymmddhh24-1/24]0000 endTime=$[yyyymmddhh24]0000 partition=$[yyyymmddhh24]</source>
        <translation>startTime=$[yyyymmddhh24-1/24]0000 endTime=$[yyyymmddhh24]0000 partition=$[yyyymmddhh24]</translation>
    </message>
    <message>
        <source>Window preview</source>
        <translation>时间窗口预览</translation>
    </message>
    <message>
        <source>From &amp;date:</source>
        <translation>起始日期(&amp;D):</translation>
    </message>
    <message>
        <source>D&amp;ays:</source>
        <translation>天数(&amp;A):</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Dirty data</source>
        <translation>脏数据</translation>
    </message>
    <message>
        <source>&amp;Error limit (records):</source>
        <translation>脏数据上限（条）(&amp;E):</translation>
    </message>
    <message>
        <source>Dirty records tolerated before the run fails; 0 = zero tolerance</source>
        <translation>任务失败前允许的脏数据条数；0 表示不容忍脏数据</translation>
    </message>
    <message>
        <source>Channel control</source>
        <translation>通道控制</translation>
    </message>
    <message>
        <source>&amp;Concurrency:</source>
        <translation>任务期望最大并发数(&amp;C):</translation>
    </message>
    <message>
        <source>&amp;Throttle the transfer rate</source>
        <translation>同步速率限流(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Rate (MB/s):</source>
        <translation>限流速率 (MB/s)(&amp;R):</translation>
    </message>
    <message>
        <source>Rerun</source>
        <translation>重跑</translation>
    </message>
    <message>
        <source>Auto rerun upon &amp;error</source>
        <translation>出错自动重跑(&amp;E)</translation>
    </message>
    <message>
        <source>Number of re-r&amp;uns:</source>
        <translation>重跑次数(&amp;U):</translation>
    </message>
    <message>
        <source>Rerun &amp;interval (minutes):</source>
        <translation>重跑间隔（分钟）(&amp;I):</translation>
    </message>
</context>
<context>
    <name>SourcePage</name>
    <message>
        <source>Kafka source</source>
        <translation>Kafka 数据来源</translation>
    </message>
    <message>
        <source>&amp;Data source:</source>
        <translation>数据源(&amp;D):</translation>
    </message>
    <message>
        <source>The Kafka data source (a registered cluster) to read from.</source>
        <translation>要读取的 Kafka 数据源（已注册的集群）。</translation>
    </message>
    <message>
        <source>&amp;Topic:</source>
        <translation>Topic(&amp;T):</translation>
    </message>
    <message>
        <source>The topic to read; Refresh lists the topics of the cluster.</source>
        <translation>要读取的 Topic；“刷新”会列出集群中的 Topic。</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>List the topics of the selected data source</source>
        <translation>列出所选数据源中的 Topic</translation>
    </message>
    <message>
        <source>Consumer &amp;group ID:</source>
        <translation>消费者组 ID(&amp;G):</translation>
    </message>
    <message>
        <source>empty: a random group prefixed datax_</source>
        <translation>留空：使用以 datax_ 开头的随机组</translation>
    </message>
    <message>
        <source>Read range</source>
        <translation>读取范围</translation>
    </message>
    <message>
        <source>Read &amp;from:</source>
        <translation>读取起始位点(&amp;F):</translation>
    </message>
    <message>
        <source>&amp;Start time:</source>
        <translation>起始时间(&amp;S):</translation>
    </message>
    <message>
        <source>yyyymmddhhmmss or ${startTime}</source>
        <translation>yyyymmddhhmmss 或 ${startTime}</translation>
    </message>
    <message>
        <source>Start &amp;offset:</source>
        <translation>起始偏移量(&amp;O):</translation>
    </message>
    <message>
        <source>e.g. 15553274</source>
        <translation>例如 15553274</translation>
    </message>
    <message>
        <source>Read t&amp;o:</source>
        <translation>读取结束位点(&amp;O):</translation>
    </message>
    <message>
        <source>&amp;End time:</source>
        <translation>结束时间(&amp;E):</translation>
    </message>
    <message>
        <source>yyyymmddhhmmss or ${endTime}</source>
        <translation>yyyymmddhhmmss 或 ${endTime}</translation>
    </message>
    <message>
        <source>End o&amp;ffset:</source>
        <translation>结束偏移量(&amp;F):</translation>
    </message>
    <message>
        <source>e.g. 15560000</source>
        <translation>例如 15560000</translation>
    </message>
    <message>
        <source>Time &amp;zone:</source>
        <translation>时区(&amp;Z):</translation>
    </message>
    <message>
        <source>E&amp;xit strategy:</source>
        <translation>同步结束策略(&amp;X):</translation>
    </message>
    <message>
        <source>Message format</source>
        <translation>消息格式</translation>
    </message>
    <message>
        <source>&amp;Key type:</source>
        <translation>Key 类型(&amp;K):</translation>
    </message>
    <message>
        <source>&amp;Value type:</source>
        <translation>Value 类型(&amp;V):</translation>
    </message>
    <message>
        <source>E&amp;ncoding:</source>
        <translation>编码(&amp;N):</translation>
    </message>
    <message>
        <source>Advanced Kafka properties (kafkaConfig)</source>
        <translation>Kafka 高级配置 (kafkaConfig)</translation>
    </message>
    <message>
        <source>&amp;Add property</source>
        <translation>添加配置(&amp;A)</translation>
    </message>
    <message>
        <source>Re&amp;move property</source>
        <translation>删除配置(&amp;M)</translation>
    </message>
</context>
<context>
    <name>SyncJob</name>
    <message>
        <source>cancelled; the destination is unchanged</source>
        <translation>已取消；目标表未改变</translation>
    </message>
    <message>
        <source>reading %1 message(s) from %2 partition(s) into %3%4</source>
        <translation>正在从 %2 个分区读取 %1 条消息写入 %3%4</translation>
    </message>
    <message>
        <source>dirty record at partition %1 offset %2: %3</source>
        <translation>分区 %1 位点 %2 处有脏数据：%3</translation>
    </message>
    <message>
        <source>%1 dirty records exceed setting.errorLimit.record = %2; nothing was written (see %3)</source>
        <translation>%1 条脏数据超过 setting.errorLimit.record = %2；未写入任何数据（见 %3）</translation>
    </message>
    <message>
        <source>run failed, the destination is unchanged</source>
        <translation>运行失败，目标表未改变</translation>
    </message>
    <message>
        <source>committed %1 row to %2</source>
        <translation>已向 %2 提交 %1 行</translation>
    </message>
    <message>
        <source>committed %1 rows to %2</source>
        <translation>已向 %2 提交 %1 行</translation>
    </message>
    <message>
        <source>data committed, but committing the consumer group offsets failed: %1</source>
        <translation>数据已提交，但提交消费组位点失败：%1</translation>
    </message>
</context>
<context>
    <name>TaskConfig</name>
    <message>
        <source>line %1, column %2</source>
        <translation>第 %1 行第 %2 列</translation>
    </message>
    <message>
        <source>steps: missing; a task needs &quot;steps&quot;: [kafka reader, odps writer]</source>
        <translation>steps：缺失；任务需要 &quot;steps&quot;: [kafka reader, odps writer]</translation>
    </message>
    <message>
        <source>steps: expected an array, got %1</source>
        <translation>steps：应为数组，实际为 %1</translation>
    </message>
    <message>
        <source>steps: expected exactly 2 steps (a kafka reader and an odps writer), got %1</source>
        <translation>steps：应恰好有 2 个步骤（一个 kafka 读取端和一个 odps 写入端），实际为 %1 个</translation>
    </message>
    <message>
        <source>steps[%1]: expected an object, got %2</source>
        <translation>steps[%1]：应为对象，实际为 %2</translation>
    </message>
    <message>
        <source>steps[%1].stepType: &quot;%2&quot; is not supported; kmsync reads from Kafka (&quot;stepType&quot;: &quot;kafka&quot;)</source>
        <translation>steps[%1].stepType：不支持“%2”；kmsync 从 Kafka 读取（&quot;stepType&quot;: &quot;kafka&quot;）</translation>
    </message>
    <message>
        <source>steps[%1]: a second reader step; a task has one kafka reader</source>
        <translation>steps[%1]：第二个读取步骤；任务只有一个 kafka 读取端</translation>
    </message>
    <message>
        <source>steps[%1].stepType: &quot;%2&quot; is not supported; kmsync writes to MaxCompute (&quot;stepType&quot;: &quot;odps&quot;)</source>
        <translation>steps[%1].stepType：不支持“%2”；kmsync 写入 MaxCompute（&quot;stepType&quot;: &quot;odps&quot;）</translation>
    </message>
    <message>
        <source>steps[%1]: a second writer step; a task has one odps writer</source>
        <translation>steps[%1]：第二个写入步骤；任务只有一个 odps 写入端</translation>
    </message>
    <message>
        <source>steps[%1].category: &quot;%2&quot; is neither &quot;reader&quot; nor &quot;writer&quot;</source>
        <translation>steps[%1].category：“%2”既不是 &quot;reader&quot; 也不是 &quot;writer&quot;</translation>
    </message>
    <message>
        <source>steps: a task needs one kafka reader and one odps writer step</source>
        <translation>steps：任务需要一个 kafka 读取步骤和一个 odps 写入步骤</translation>
    </message>
    <message>
        <source>not valid JSON at %1: %2</source>
        <translation>%1 处不是有效的 JSON：%2</translation>
    </message>
    <message>
        <source>the task file must hold a JSON object</source>
        <translation>任务文件必须是一个 JSON 对象</translation>
    </message>
    <message>
        <source>cannot read task file %1: %2</source>
        <translation>无法读取任务文件 %1：%2</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>TaskLoader</name>
    <message>
        <source>%1 to %2 %3</source>
        <translation>%1 至 %2 %3</translation>
    </message>
    <message>
        <source>%1 (pass --datasources FILE or put datasources.json next to the task)</source>
        <translation>%1（使用 --datasources FILE 指定，或将 datasources.json 放在任务文件旁）</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>%1.datasource: &quot;%2&quot; is a %3 datasource; the reader needs a kafka one</source>
        <translation>%1.datasource：“%2”是 %3 数据源；读取端需要 kafka 数据源</translation>
    </message>
    <message>
        <source>%1: set &quot;datasource&quot; (or &quot;server&quot;) to say which Kafka cluster to read</source>
        <translation>%1：请设置 &quot;datasource&quot;（或 &quot;server&quot;）指明读取哪个 Kafka 集群</translation>
    </message>
    <message>
        <source>attempt %1 failed with a %2 error (%3), which waiting cannot fix; not rerunning</source>
        <translation>第 %1 次尝试失败，错误类型为 %2（%3），等待无法解决；不再重跑</translation>
    </message>
    <message>
        <source>attempt %1 of %2 failed (%3); waiting %4 s, attempt %5 starts at %6</source>
        <translation>第 %1 次尝试（共 %2 次）失败（%3）；等待 %4 秒，第 %5 次尝试于 %6 开始</translation>
    </message>
    <message>
        <source>cancelled while waiting to rerun; the destination is unchanged</source>
        <translation>等待重跑时已取消；目标表未改变</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::BackfillDialog</name>
    <message>
        <source>Parameters: %1</source>
        <translation>参数：%1</translation>
    </message>
    <message>
        <source>Nothing was run: %1</source>
        <translation>未运行任何实例：%1</translation>
    </message>
    <message>
        <source>Cannot run: %1</source>
        <translation>无法运行：%1</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message numerus="yes">
        <source>Running %n instance(s)…</source>
        <translation>
            <numerusform>正在运行 %n 个实例…</numerusform>
        </translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Running: %1 of %2 offsets read, %3 written</source>
        <translation>运行中：已读取 %1/%2 个位点，已写入 %3 条</translation>
    </message>
    <message>
        <source>Backfill</source>
        <translation>补数据</translation>
    </message>
    <message>
        <source>Business dates:</source>
        <translation>业务日期：</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Cycle:</source>
        <translation>调度周期：</translation>
    </message>
    <message>
        <source>Order:</source>
        <translation>顺序：</translation>
    </message>
    <message>
        <source>Parallel instances:</source>
        <translation>并行实例数：</translation>
    </message>
    <message>
        <source>Keep going after a failure</source>
        <translation>实例失败后继续运行</translation>
    </message>
    <message>
        <source>The task&apos;s schedule (%1)</source>
        <translation>任务自身的调度（%1）</translation>
    </message>
    <message>
        <source>Every day</source>
        <translation>每天</translation>
    </message>
    <message>
        <source>Every hour</source>
        <translation>每小时</translation>
    </message>
    <message>
        <source>Every 5 minutes</source>
        <translation>每 5 分钟</translation>
    </message>
    <message>
        <source>Every week</source>
        <translation>每周</translation>
    </message>
    <message>
        <source>Every month</source>
        <translation>每月</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>按时间升序</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>按时间降序</translation>
    </message>
    <message>
        <source>Scheduled time</source>
        <translation>定时时间</translation>
    </message>
    <message>
        <source>Business date</source>
        <translation>业务日期</translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>分区</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>时间窗口</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续补数据(&amp;R)</translation>
    </message>
    <message>
        <source>Run the backfill again, skipping the partitions already committed with the same window</source>
        <translation>再次运行补数据，跳过已按相同时间窗口提交的分区</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s), %1</source>
        <translation>
            <numerusform>%n 个实例，%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelling: the running instances roll back…</source>
        <translation>正在取消：运行中的实例将回滚…</translation>
    </message>
    <message>
        <source>Checking the instances…</source>
        <translation>正在检查实例…</translation>
    </message>
    <message>
        <source>Done: %1 read, %2 written, %3 dirty</source>
        <translation>完成：读取 %1 条，写入 %2 条，脏数据 %3 条</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Cancelled: rolled back</source>
        <translation>已取消：已回滚</translation>
    </message>
    <message>
        <source>Skipped: already committed (%1)</source>
        <translation>已跳过：已提交（%1）</translation>
    </message>
    <message>
        <source>Not run</source>
        <translation>未运行</translation>
    </message>
    <message>
        <source>%1 instances: %2 succeeded, %3 failed, %4 skipped, %5 cancelled, %6 not run</source>
        <translation>%1 个实例：成功 %2，失败 %3，跳过 %4，取消 %5，未运行 %6</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::BackfillWorker</name>
    <message numerus="yes">
        <source>%n instance(s) cannot run; nothing was run.</source>
        <translation>
            <numerusform>%n 个实例无法运行；未运行任何实例。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kmsync::ui::CheckProductionDialog</name>
    <message>
        <source>Checking the production environment…</source>
        <translation>正在检查生产环境…</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Column type</source>
        <translation>列类型</translation>
    </message>
    <message>
        <source>Column order</source>
        <translation>列顺序</translation>
    </message>
    <message>
        <source>Partition keys</source>
        <translation>分区键</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>未能检查</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Verifies that production can run this task: the prod Kafka has the topic, and the prod destination has the table with the same schema as in dev.</source>
        <translation>验证生产环境能否运行该任务：生产 Kafka 中存在该 Topic，且生产目标端存在该表，表结构与开发环境一致。</translation>
    </message>
    <message>
        <source>Topic %1 on the prod Kafka; table %2 in the prod destination, compared with dev (column names, types, order, partition keys).</source>
        <translation>生产 Kafka 上的 Topic %1；生产目标端的表 %2，与开发环境对比（列名、类型、顺序、分区键）。</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message numerus="yes">
        <source>✖ %n difference(s) between dev and prod.</source>
        <translation>
            <numerusform>✖ 开发与生产环境之间有 %n 处差异。</numerusform>
        </translation>
    </message>
    <message>
        <source>✔ Production has the topic and the table, with the same schema.</source>
        <translation>✔ 生产环境已有该 Topic 和该表，且表结构一致。</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::ConnectionForm</name>
    <message>
        <source>Local warehouse file</source>
        <translation>本地数据仓库文件</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite);;All files (*)</source>
        <translation>SQLite 数据库 (*.db *.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Sandbox (the built-in test broker; the properties below are not used)</source>
        <translation>沙箱（内置测试 Broker；不使用下面的属性）</translation>
    </message>
    <message>
        <source>Other librdkafka properties:</source>
        <translation>其他 librdkafka 属性：</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Add property</source>
        <translation>添加属性</translation>
    </message>
    <message>
        <source>Remove property</source>
        <translation>删除属性</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>unchanged (hidden); type to replace</source>
        <translation>不变（已隐藏）；输入新值以替换</translation>
    </message>
    <message>
        <source>a value or ${env:NAME}</source>
        <translation>值或 ${env:NAME}</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可选</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::DatasourceDialog</name>
    <message>
        <source>No datasources.json next to the task: the pickers accept any name.</source>
        <translation>任务旁没有 datasources.json：数据源选择框可填写任意名称。</translation>
    </message>
    <message>
        <source>Datasources from %1 (environment %2). Secrets are masked.</source>
        <translation>数据源来自 %1（环境 %2）。密钥已隐藏。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Testing &quot;%1&quot;…</source>
        <translation>正在测试“%1”…</translation>
    </message>
    <message>
        <source>in the desktop keychain; type to replace</source>
        <translation>在桌面钥匙串中；输入新值以替换</translation>
    </message>
    <message>
        <source>from %1; type to replace</source>
        <translation>来自 %1；输入新值以替换</translation>
    </message>
    <message>
        <source>empty; type a value</source>
        <translation>为空；请输入值</translation>
    </message>
    <message>
        <source>in datasources.json (hidden); type to replace</source>
        <translation>在 datasources.json 中（已隐藏）；输入新值以替换</translation>
    </message>
    <message>
        <source>Keep in the desktop keychain</source>
        <translation>保存在桌面钥匙串中</translation>
    </message>
    <message>
        <source>Store this secret in the desktop keychain; datasources.json then holds only a ${keychain:…} reference</source>
        <translation>将此密钥存入桌面钥匙串；datasources.json 中只保留 ${keychain:…} 引用</translation>
    </message>
    <message>
        <source>Select a datasource to see its secrets.</source>
        <translation>选择一个数据源以查看其密钥。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no secret properties.</source>
        <translation>“%1”没有密钥属性。</translation>
    </message>
    <message>
        <source>There is no datasources.json to save the secrets to.</source>
        <translation>没有可保存密钥的 datasources.json。</translation>
    </message>
    <message>
        <source>%1: type the secret to keep it in the desktop keychain.</source>
        <translation>%1：请输入密钥，才能将其保存在桌面钥匙串中。</translation>
    </message>
    <message>
        <source>%1: no desktop keychain is available to kmsync.</source>
        <translation>%1：kmsync 无法使用桌面钥匙串。</translation>
    </message>
    <message>
        <source>%1: type the secret to store it in datasources.json instead of the desktop keychain.</source>
        <translation>%1：请输入密钥，才能将其改存到 datasources.json 而不是桌面钥匙串。</translation>
    </message>
    <message>
        <source>Nothing was saved. %1</source>
        <translation>未保存任何内容。%1</translation>
    </message>
    <message numerus="yes">
        <source>Storing %n secret(s) in the desktop keychain…</source>
        <translation>
            <numerusform>正在将 %n 个密钥存入桌面钥匙串…</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was saved: %1</source>
        <translation>未保存任何内容：%1</translation>
    </message>
    <message>
        <source>✔ Saved to %1.</source>
        <translation>✔ 已保存到 %1。</translation>
    </message>
    <message>
        <source>Add, Edit and Remove need a datasources.json next to the task; create one there (see README) to manage datasources here.</source>
        <translation>添加、编辑和删除需要任务旁边有 datasources.json；请在那里创建一个（见 README），然后在此管理数据源。</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>正在写入 %1…</translation>
    </message>
    <message>
        <source>Remove datasource</source>
        <translation>删除数据源</translation>
    </message>
    <message>
        <source>Remove &quot;%1&quot; from %2? Tasks that use &quot;%1&quot; will no longer run until they name another datasource.</source>
        <translation>从 %2 中删除“%1”？使用“%1”的任务在改用其他数据源之前将无法运行。</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::DatasourceEditDialog</name>
    <message>
        <source>Edit datasource &quot;%1&quot;</source>
        <translation>编辑数据源“%1”</translation>
    </message>
    <message>
        <source>Add datasource</source>
        <translation>添加数据源</translation>
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
        <translation>本地数据仓库</translation>
    </message>
    <message>
        <source>One connection for both environments</source>
        <translation>两个环境共用一个连接</translation>
    </message>
    <message>
        <source>Separate Development and Production</source>
        <translation>开发与生产分开配置</translation>
    </message>
    <message>
        <source>Development (dev)</source>
        <translation>开发 (dev)</translation>
    </message>
    <message>
        <source>Production (prod)</source>
        <translation>生产 (prod)</translation>
    </message>
    <message>
        <source>Both environments</source>
        <translation>两个环境</translation>
    </message>
    <message>
        <source>Tasks refer to datasources by name: tasks that use &quot;%1&quot; must be changed to &quot;%2&quot; to keep working.</source>
        <translation>任务通过名称引用数据源：使用“%1”的任务必须改为“%2”才能继续运行。</translation>
    </message>
    <message>
        <source>Name is empty; type a name of letters A–Z, a–z, digits 0–9 and _.</source>
        <translation>名称为空；请输入由字母 A–Z、a–z、数字 0–9 和 _ 组成的名称。</translation>
    </message>
    <message>
        <source>Name &quot;%1&quot; is not allowed: use only letters A–Z, a–z, digits 0–9 and _.</source>
        <translation>名称“%1”不允许：只能使用字母 A–Z、a–z、数字 0–9 和 _。</translation>
    </message>
    <message>
        <source>Name &quot;%1&quot; is already used by another datasource; choose another name.</source>
        <translation>名称“%1”已被其他数据源使用；请换一个名称。</translation>
    </message>
    <message>
        <source>%1: %2 is required for a %3 datasource; type a value or ${env:NAME}.</source>
        <translation>%1：%3 数据源必须填写 %2；请输入值或 ${env:NAME}。</translation>
    </message>
    <message>
        <source>Development</source>
        <translation>开发</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>生产</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::DdlDialog</name>
    <message>
        <source>Creating…</source>
        <translation>正在创建…</translation>
    </message>
    <message>
        <source>Alter destination table</source>
        <translation>修改目标表</translation>
    </message>
    <message>
        <source>The columns to add for the message fields the mapping does not read yet. Edit the statement if needed, then alter the table; rows already written read NULL in the new columns.</source>
        <translation>为映射尚未读取的消息字段添加的列。如有需要可编辑语句，然后修改表；已写入的行在新列中为 NULL。</translation>
    </message>
    <message>
        <source>&amp;Alter table</source>
        <translation>修改表(&amp;A)</translation>
    </message>
    <message>
        <source>Altering…</source>
        <translation>正在修改…</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::DestinationPage</name>
    <message>
        <source>Clear existing data before writing (insert overwrite)</source>
        <translation>写入前清理已有数据 (Insert Overwrite)</translation>
    </message>
    <message>
        <source>Keep existing data (insert into)</source>
        <translation>写入前保留已有数据 (Insert Into)</translation>
    </message>
    <message>
        <source>Listing the tables of &quot;%1&quot;…</source>
        <translation>正在列出“%1”中的表…</translation>
    </message>
    <message>
        <source>Could not list tables: %1</source>
        <translation>无法列出表：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n table(s) found.</source>
        <translation>
            <numerusform>找到 %n 张表。</numerusform>
        </translation>
    </message>
    <message>
        <source>Partition key column %1 =</source>
        <translation>分区键列 %1 =</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::DriftPanel</name>
    <message>
        <source>Fields the mapping does not read (select rows to add them):</source>
        <translation>映射未读取的字段（选中行以添加）：</translation>
    </message>
    <message>
        <source>Mapped fields no message contained:</source>
        <translation>没有任何消息包含的已映射字段：</translation>
    </message>
    <message>
        <source>Mapped values that do not convert to the column type:</source>
        <translation>无法转换为列类型的已映射值：</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息数</translation>
    </message>
    <message>
        <source>JSON types</source>
        <translation>JSON 类型</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>样例</translation>
    </message>
    <message>
        <source>New column</source>
        <translation>新列</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>值数</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Add to &amp;mapping</source>
        <translation>添加到映射(&amp;M)</translation>
    </message>
    <message>
        <source>Adds the selected paths as source fields, each linked to its new column</source>
        <translation>将选中的路径添加为源字段，并各自关联到其新列</translation>
    </message>
    <message>
        <source>Alter &amp;table…</source>
        <translation>修改表(&amp;T)…</translation>
    </message>
    <message>
        <source>Shows the ALTER TABLE ... ADD COLUMNS for the fields the mapping does not read</source>
        <translation>显示为映射未读取的字段生成的 ALTER TABLE ... ADD COLUMNS</translation>
    </message>
    <message>
        <source>Fetch messages to see what they hold that the mapping does not.</source>
        <translation>读取消息以查看其中映射未包含的字段。</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s), %1 not JSON.</source>
        <translation>
            <numerusform>%n 条消息，%1 条不是 JSON。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n field(s) not mapped</source>
        <translation>
            <numerusform>%n 个字段未映射</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mapped field(s) never seen</source>
        <translation>
            <numerusform>%n 个已映射字段从未出现</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n type conflict(s).</source>
        <translation>
            <numerusform>%n 处类型冲突。</numerusform>
        </translation>
    </message>
    <message>
        <source>Only the first %1 distinct paths were tracked.</source>
        <translation>只统计了前 %1 个不同路径。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Not added: %1</source>
        <translation>未添加：%1</translation>
    </message>
    <message>
        <source>Added %1 to the mapping.</source>
        <translation>已将 %1 添加到映射。</translation>
    </message>
    <message>
        <source>Table %1 altered; the mapping grid shows its new columns.</source>
        <translation>表 %1 已修改；映射表格显示其新列。</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::FieldMappingModel</name>
    <message>
        <source>A source field needs a name or JSON path, e.g. a.a1 or d[0].AA.</source>
        <translation>来源字段需要名称或 JSON 路径，例如 a.a1 或 d[0].AA。</translation>
    </message>
    <message>
        <source>Source field &quot;%1&quot; is already listed; each field can be mapped only once.</source>
        <translation>来源字段“%1”已存在；每个字段只能映射一次。</translation>
    </message>
    <message>
        <source>Column &quot;%1&quot; is already fed by &quot;%2&quot;: each destination column can have only one source field. Unmap &quot;%2&quot; first.</source>
        <translation>列“%1”已由“%2”映射：每个目标列只能有一个来源字段。请先取消“%2”的映射。</translation>
    </message>
    <message>
        <source>Not mapped: this field is not synchronized.</source>
        <translation>未映射：该字段不会被同步。</translation>
    </message>
    <message>
        <source>No source field feeds this column: NULL is written.</source>
        <translation>没有来源字段映射到该列：将写入 NULL。</translation>
    </message>
    <message>
        <source>The destination table has no column &quot;%1&quot;; allowed are: %2.</source>
        <translation>目标表没有列“%1”；可选的列：%2。</translation>
    </message>
    <message>
        <source>Source field</source>
        <translation>来源字段</translation>
    </message>
    <message>
        <source>Mapped to</source>
        <translation>映射到</translation>
    </message>
    <message>
        <source>Destination column</source>
        <translation>目标列</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Written from</source>
        <translation>写入来源</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::FieldMappingPage</name>
    <message>
        <source>%1 of %2 destination columns mapped; %3 receive NULL. %4 source field(s) are not synchronized.</source>
        <translation>已映射 %1/%2 个目标列；%3 个列写入 NULL。%4 个来源字段不会被同步。</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::IssueText</name>
    <message>
        <source>a string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>an array of strings</source>
        <translation>字符串数组</translation>
    </message>
    <message>
        <source>an integer</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>%1 must be %2, not the %3 %4.</source>
        <translation>%1 必须是%2，而不是 %3 %4。</translation>
    </message>
    <message>
        <source>%1 is %2, which is not a boolean: use true or false.</source>
        <translation>%1 为 %2，不是布尔值：请使用 true 或 false。</translation>
    </message>
    <message>
        <source>%1 is %2, which is not a whole number: allowed is %3.</source>
        <translation>%1 为 %2，不是整数：允许的范围是 %3。</translation>
    </message>
    <message>
        <source>%1 is %2, which is out of range: allowed is %3.</source>
        <translation>%1 为 %2，超出范围：允许的范围是 %3。</translation>
    </message>
    <message>
        <source>%1 is %2, above DataWorks&apos; maximum of %3.</source>
        <translation>%1 为 %2，超过了 DataWorks 的上限 %3。</translation>
    </message>
    <message>
        <source>The rate %1 is not a positive number of MB/s.</source>
        <translation>速率 %1 不是正数（单位 MB/s）。</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; is not one of %3.</source>
        <translation>%1“%2”不在 %3 之中。</translation>
    </message>
    <message>
        <source>%1 is missing: it must be &quot;%2&quot;.</source>
        <translation>缺少 %1：其值必须为“%2”。</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; is not allowed: it must be &quot;%3&quot;.</source>
        <translation>%1“%2”不被允许：其值必须为“%3”。</translation>
    </message>
    <message>
        <source>Version &quot;%1&quot; is not the one kmsync knows (&quot;%2&quot;).</source>
        <translation>版本“%1”不是 kmsync 支持的版本（“%2”）。</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; is written &quot;%3&quot; in DataWorks.</source>
        <translation>%1“%2”在 DataWorks 中写作“%3”。</translation>
    </message>
    <message>
        <source>The step has no name: order.hops refers to steps by name.</source>
        <translation>该步骤没有名称：order.hops 按名称引用步骤。</translation>
    </message>
    <message>
        <source>Datasource is required: choose the Kafka datasource to read from.</source>
        <translation>必须填写数据源：请选择要读取的 Kafka 数据源。</translation>
    </message>
    <message>
        <source>Both server and datasource are set: the datasource is used.</source>
        <translation>同时设置了 server 和 datasource：将使用数据源。</translation>
    </message>
    <message>
        <source>Server &quot;%1&quot; is not host:port, e.g. broker1:9092.</source>
        <translation>服务器“%1”不是 host:port 格式，例如 broker1:9092。</translation>
    </message>
    <message>
        <source>Topic is required: choose the Kafka topic to read.</source>
        <translation>必须填写主题：请选择要读取的 Kafka 主题。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a Kafka topic name: use letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;, at most 249 characters.</source>
        <translation>“%1”不是合法的 Kafka 主题名：请使用字母、数字、“.”、“_”和“-”，最多 249 个字符。</translation>
    </message>
    <message>
        <source>Map at least one source field to a destination column.</source>
        <translation>请至少将一个源字段映射到目标列。</translation>
    </message>
    <message>
        <source>Source field &quot;%1&quot; is not valid: %2</source>
        <translation>源字段“%1”无效：%2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a Kafka field (%2): it is read as a JSON path into the value; write [&quot;%1&quot;] if that is meant.</source>
        <translation>“%1”不是 Kafka 字段（%2）：它会被当作消息值中的 JSON 路径读取；如果本意如此，请写成 [&quot;%1&quot;]。</translation>
    </message>
    <message>
        <source>Encoding is required, e.g. UTF-8.</source>
        <translation>必须填写编码，例如 UTF-8。</translation>
    </message>
    <message>
        <source>Encoding &quot;%1&quot; is not one kmsync can decode; e.g. UTF-8.</source>
        <translation>kmsync 无法按编码“%1”解码；可使用例如 UTF-8。</translation>
    </message>
    <message>
        <source>Choose where to start reading: a start time or an offset.</source>
        <translation>请选择从哪里开始读取：起始时间或位点。</translation>
    </message>
    <message>
        <source>Set only one start position: a start time, an offset or a timestamp.</source>
        <translation>只能设置一个起始位置：起始时间、位点或时间戳。</translation>
    </message>
    <message>
        <source>No end position: the run reads up to each partition&apos;s end offset when it starts.</source>
        <translation>未设置结束位置：运行时将读取到开始时各分区的末尾位点。</translation>
    </message>
    <message>
        <source>Set only one end position: an end time, an offset or a timestamp.</source>
        <translation>只能设置一个结束位置：结束时间、位点或时间戳。</translation>
    </message>
    <message>
        <source>Start time &quot;%1&quot; must be 14 digits yyyymmddhhmmss naming a real date and time, or a parameter such as ${startTime}.</source>
        <translation>起始时间“%1”必须是表示真实日期和时间的 14 位数字 yyyymmddhhmmss，或 ${startTime} 这样的参数。</translation>
    </message>
    <message>
        <source>End time &quot;%1&quot; must be 14 digits yyyymmddhhmmss naming a real date and time, or a parameter such as ${endTime}.</source>
        <translation>结束时间“%1”必须是表示真实日期和时间的 14 位数字 yyyymmddhhmmss，或 ${endTime} 这样的参数。</translation>
    </message>
    <message>
        <source>End time %1 must be after start time %2.</source>
        <translation>结束时间 %1 必须晚于起始时间 %2。</translation>
    </message>
    <message>
        <source>Start offset &quot;%1&quot; must be a whole number, at least 0.</source>
        <translation>起始位点“%1”必须是不小于 0 的整数。</translation>
    </message>
    <message>
        <source>End offset &quot;%1&quot; must be a whole number, at least 0.</source>
        <translation>结束位点“%1”必须是不小于 0 的整数。</translation>
    </message>
    <message>
        <source>Reading from the group&apos;s committed offset needs a consumer group ID.</source>
        <translation>从消费者组已提交的位点读取时，需要填写消费者组 ID。</translation>
    </message>
    <message>
        <source>Starting at the end offset reads nothing.</source>
        <translation>从末尾位点开始将读取不到任何数据。</translation>
    </message>
    <message>
        <source>End offset %1 is before start offset %2.</source>
        <translation>结束位点 %1 早于起始位点 %2。</translation>
    </message>
    <message>
        <source>Time zone &quot;%1&quot; is not a known IANA zone such as Asia/Shanghai (or UTC+8).</source>
        <translation>时区“%1”不是已知的 IANA 时区（例如 Asia/Shanghai，或 UTC+8）。</translation>
    </message>
    <message>
        <source>Kafka property %1 must be a string, number or boolean, not %2.</source>
        <translation>Kafka 属性 %1 必须是字符串、数字或布尔值，而不是 %2。</translation>
    </message>
    <message>
        <source>Every advanced Kafka property needs a name.</source>
        <translation>每个 Kafka 高级属性都需要填写名称。</translation>
    </message>
    <message>
        <source>The group ID differs from group.id &quot;%1&quot; in the Kafka properties; &quot;%2&quot; is used.</source>
        <translation>消费者组 ID 与 Kafka 属性中的 group.id“%1”不同；将使用“%2”。</translation>
    </message>
    <message>
        <source>The group ID is empty: remove it or name the consumer group.</source>
        <translation>消费者组 ID 为空：请删除它或填写消费者组名称。</translation>
    </message>
    <message>
        <source>stopWhenReachEndOffset takes effect only with stopWhenPollEmpty=true.</source>
        <translation>stopWhenReachEndOffset 仅在 stopWhenPollEmpty=true 时生效。</translation>
    </message>
    <message>
        <source>Datasource is required: choose the MaxCompute or local datasource to write to.</source>
        <translation>必须填写数据源：请选择要写入的 MaxCompute 或本地数据源。</translation>
    </message>
    <message>
        <source>Table is required: choose the destination table.</source>
        <translation>必须填写表：请选择目标表。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a MaxCompute table name: use letters, digits and _, starting with a letter.</source>
        <translation>“%1”不是合法的 MaxCompute 表名：请使用字母、数字和 _，并以字母开头。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is longer than 128 bytes.</source>
        <translation>“%1”超过了 128 字节。</translation>
    </message>
    <message>
        <source>Partition &quot;%1&quot; must be key=value pairs separated by commas, e.g. ds=${partition}.</source>
        <translation>分区“%1”必须是以逗号分隔的 key=value 对，例如 ds=${partition}。</translation>
    </message>
    <message>
        <source>%1 partition levels: MaxCompute allows at most %2.</source>
        <translation>%1 级分区：MaxCompute 最多允许 %2 级。</translation>
    </message>
    <message>
        <source>Partition key &quot;%1&quot; is not a MaxCompute column name: letters, digits and _, at most 128 bytes.</source>
        <translation>分区键“%1”不是合法的 MaxCompute 列名：只能包含字母、数字和 _，最多 128 字节。</translation>
    </message>
    <message>
        <source>&quot;*&quot; must be the only destination column.</source>
        <translation>“*”必须是唯一的目标列。</translation>
    </message>
    <message>
        <source>&quot;*&quot; (all columns in table order) is not recommended: list the columns.</source>
        <translation>不建议使用“*”（按表中顺序的所有列）：请逐一列出各列。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a MaxCompute column name: use letters, digits and _.</source>
        <translation>“%1”不是合法的 MaxCompute 列名：请使用字母、数字和 _。</translation>
    </message>
    <message>
        <source>Source field &quot;%1&quot; is mapped twice: each source field maps to one destination column.</source>
        <translation>源字段“%1”被映射了两次：每个源字段只能映射到一个目标列。</translation>
    </message>
    <message>
        <source>Destination column &quot;%1&quot; is mapped twice: each destination column takes one source field.</source>
        <translation>目标列“%1”被映射了两次：每个目标列只能接收一个源字段。</translation>
    </message>
    <message>
        <source>%1 destination columns for %2 source fields: both lists need the same length.</source>
        <translation>%1 个目标列对应 %2 个源字段：两个列表的长度必须相同。</translation>
    </message>
    <message>
        <source>Throttling is on but no rate is set: nothing is throttled.</source>
        <translation>已开启限流但未设置速率：不会进行任何限流。</translation>
    </message>
    <message>
        <source>The task has no order: DataWorks expects the hop %1.</source>
        <translation>任务没有 order：DataWorks 需要连线 %1。</translation>
    </message>
    <message>
        <source>order.hops must list the hop %1.</source>
        <translation>order.hops 必须列出连线 %1。</translation>
    </message>
    <message>
        <source>The hop %1 does not join the steps: expected %2.</source>
        <translation>连线 %1 没有连接这两个步骤：应为 %2。</translation>
    </message>
    <message>
        <source>The source uses ${...} parameters but the parameter line assigns none.</source>
        <translation>数据来源使用了 ${...} 参数，但参数行没有为其赋值。</translation>
    </message>
    <message>
        <source>${%1} has no value: assign it in the parameter line.</source>
        <translation>${%1} 没有值：请在参数行中为其赋值。</translation>
    </message>
    <message>
        <source>${%1} is neither a parameter name nor a scheduling expression.</source>
        <translation>${%1} 既不是参数名，也不是调度表达式。</translation>
    </message>
    <message>
        <source>Datasource &quot;%1&quot; cannot be used: %2</source>
        <translation>无法使用数据源“%1”：%2</translation>
    </message>
    <message>
        <source>Datasource &quot;%1&quot; is of type %2; here %3 is needed.</source>
        <translation>数据源“%1”的类型是 %2；此处需要 %3。</translation>
    </message>
    <message>
        <source>Datasource &quot;%1&quot; is incomplete: %2</source>
        <translation>数据源“%1”不完整：%2</translation>
    </message>
    <message>
        <source>Datasource &quot;%1&quot; is unknown: there is no datasources.json next to the task. Add it with Tools &gt; Datasources….</source>
        <translation>数据源“%1”未知：任务文件旁没有 datasources.json。请通过 工具 &gt; 数据源… 添加。</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::JsonTreeModel</name>
    <message>
        <source>object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>array</source>
        <translation>数组</translation>
    </message>
    <message>
        <source>string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>number</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>boolean</source>
        <translation>布尔值</translation>
    </message>
    <message>
        <source>null</source>
        <translation>空值 (null)</translation>
    </message>
    <message numerus="yes">
        <source>{%n key(s)}</source>
        <translation>
            <numerusform>{%n 个键}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%n element(s)]</source>
        <translation>
            <numerusform>[%n 个元素]</numerusform>
        </translation>
    </message>
    <message>
        <source>Click to add %1 as a source field</source>
        <translation>单击将 %1 添加为源字段</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::JsonViewDialog</name>
    <message>
        <source>Task JSON</source>
        <translation>任务 JSON</translation>
    </message>
    <message>
        <source>DataWorks script-mode JSON, exactly as Save writes it.</source>
        <translation>DataWorks 脚本模式 JSON，与保存时写入的内容完全一致。</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::KeychainSecretLookup</name>
    <message>
        <source>no desktop keychain is set up for kmsync</source>
        <translation>kmsync 未配置桌面钥匙串</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::MainWindow</name>
    <message>
        <source>Open Sa&amp;mple Task</source>
        <translation>打开示例任务(&amp;M)</translation>
    </message>
    <message>
        <source>New to kmsync? The sample task reads 48 hours of click events from the built-in sandbox Kafka into a local warehouse: open it and press Run.</source>
        <translation>初次使用 kmsync？示例任务从内置的沙箱 Kafka 读取 48 小时的点击事件写入本地仓库：打开它，然后点击运行。</translation>
    </message>
    <message>
        <source>Open the sample task</source>
        <translation>打开示例任务</translation>
    </message>
    <message>
        <source>Could not create the sample workspace %1.</source>
        <translation>无法创建示例工作区 %1。</translation>
    </message>
    <message>
        <source>Could not copy the sample task to %1.</source>
        <translation>无法将示例任务复制到 %1。</translation>
    </message>
    <message>
        <source>Could not create the sample warehouse table: %1</source>
        <translation>无法创建示例仓库表：%1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;New Task</source>
        <translation>新建任务(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>View &amp;JSON</source>
        <translation>查看 JSON(&amp;J)</translation>
    </message>
    <message>
        <source>&amp;Validate</source>
        <translation>校验(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About kmsync</source>
        <translation>关于 kmsync(&amp;A)</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>%1[*] — kmsync</source>
        <translation>%1[*] — kmsync</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Could not open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>Could not load %1: %2</source>
        <translation>无法加载 %1：%2</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message numerus="yes">
        <source>Saved %1 with %n problem(s)</source>
        <translation>
            <numerusform>已保存 %1，存在 %n 个问题</numerusform>
        </translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>The task has unsaved changes. Save them first?</source>
        <translation>任务有未保存的修改。是否先保存？</translation>
    </message>
    <message>
        <source>Open task</source>
        <translation>打开任务</translation>
    </message>
    <message>
        <source>Task files (*.json);;All files (*)</source>
        <translation>任务文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Save task</source>
        <translation>保存任务</translation>
    </message>
    <message>
        <source>Task files (*.json)</source>
        <translation>任务文件 (*.json)</translation>
    </message>
    <message>
        <source>About kmsync</source>
        <translation>关于 kmsync</translation>
    </message>
    <message>
        <source>&lt;h3&gt;kmsync %1&lt;/h3&gt;&lt;p&gt;Kafka → MaxCompute batch synchronization on the desktop, configured like DataWorks&apos; codeless UI and saved as DataWorks script-mode JSON.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;kmsync %1&lt;/h3&gt;&lt;p&gt;桌面上的 Kafka → MaxCompute 离线同步：像 DataWorks 向导模式一样配置，并保存为 DataWorks 脚本模式 JSON。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Datasources…</source>
        <translation>数据源(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Run with Parameters</source>
        <translation>带参运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Cancel Run</source>
        <translation>取消运行(&amp;C)</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Run in progress</source>
        <translation>正在运行</translation>
    </message>
    <message>
        <source>A run is in progress. Cancel it and close? Nothing it wrote is committed.</source>
        <translation>任务正在运行。要取消运行并关闭吗？已写入的数据不会被提交。</translation>
    </message>
    <message>
        <source>&amp;Preview Messages…</source>
        <translation>预览消息(&amp;P)…</translation>
    </message>
    <message>
        <source>Re&amp;sults</source>
        <translation>结果(&amp;S)</translation>
    </message>
    <message>
        <source>Check &amp;Production…</source>
        <translation>检查生产环境(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Backfill…</source>
        <translation>补数据(&amp;B)…</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>正在保存 %1…</translation>
    </message>
    <message>
        <source>Closing when the save has finished…</source>
        <translation>保存完成后关闭…</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::MappedToDelegate</name>
    <message>
        <source>(not mapped)</source>
        <translation>（不映射）</translation>
    </message>
    <message>
        <source>%1 (fed by %2)</source>
        <translation>%1（已由 %2 映射）</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::MessagePreviewDialog</name>
    <message numerus="yes">
        <source>Reading up to %n message(s)…</source>
        <translation>
            <numerusform>正在读取最多 %n 条消息…</numerusform>
        </translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>分区</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>位点</translation>
    </message>
    <message>
        <source>Timestamp</source>
        <translation>时间戳</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Dirty: %1</source>
        <translation>脏数据：%1</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Table %1 does not exist yet: the columns are those of the generated DDL.</source>
        <translation>表 %1 尚不存在：所示列来自生成的建表语句。</translation>
    </message>
    <message>
        <source>This message has no value (a tombstone).</source>
        <translation>该消息没有 value（墓碑消息）。</translation>
    </message>
    <message>
        <source>The value is not JSON: %1</source>
        <translation>value 不是 JSON：%1</translation>
    </message>
    <message>
        <source>Source fields cannot be added here.</source>
        <translation>此处无法添加源字段。</translation>
    </message>
    <message>
        <source>%1 was not added: %2</source>
        <translation>未添加 %1：%2</translation>
    </message>
    <message>
        <source>Added %1 to the source fields.</source>
        <translation>已将 %1 添加到源字段。</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) read, %1 dirty.</source>
        <translation>
            <numerusform>已读取 %n 条消息，其中 %1 条脏数据。</numerusform>
        </translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Drift</source>
        <translation>结构漂移</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::QueryPanel</name>
    <message>
        <source>&amp;Stop query</source>
        <translation>停止查询(&amp;S)</translation>
    </message>
    <message>
        <source>Running the query…</source>
        <translation>正在执行查询…</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s).</source>
        <translation>
            <numerusform>%n 行。</numerusform>
        </translation>
    </message>
    <message>
        <source>Only the first %1 rows are shown.</source>
        <translation>仅显示前 %1 行。</translation>
    </message>
    <message>
        <source>Run a query first: there is no result to export.</source>
        <translation>请先执行查询：没有可导出的结果。</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) to %1.</source>
        <translation>
            <numerusform>已将 %n 行导出到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>An export is still being written to %1.</source>
        <translation>仍在写入导出文件 %1。</translation>
    </message>
    <message>
        <source>The task names no destination table.</source>
        <translation>任务未指定目标表。</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::RunPanel</name>
    <message>
        <source>Records/s</source>
        <translation>记录数/秒</translation>
    </message>
    <message>
        <source>Elapsed (s)</source>
        <translation>已用时间(秒)</translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>分区</translation>
    </message>
    <message>
        <source>Start offset</source>
        <translation>起始偏移量</translation>
    </message>
    <message>
        <source>End offset</source>
        <translation>结束偏移量</translation>
    </message>
    <message>
        <source>Next offset</source>
        <translation>下一偏移量</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成度</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>正在运行…</translation>
    </message>
    <message>
        <source>Running: %1 read, %2 written, %3 dirty, %4 records/s</source>
        <translation>运行中：读取 %1，写入 %2，脏数据 %3，%4 条/秒</translation>
    </message>
    <message>
        <source>✔ Done: %1 read, %2 written, %3 dirty in %4 s into partition %5.</source>
        <translation>✔ 完成：读取 %1，写入 %2，脏数据 %3，用时 %4 秒，写入分区 %5。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Cancelled: nothing was committed.</source>
        <translation>已取消：没有提交任何数据。</translation>
    </message>
    <message>
        <source>✖ Failed (%1): %2</source>
        <translation>✖ 失败（%1）：%2</translation>
    </message>
    <message>
        <source>✖ Failed after %1 attempts in %2 s (%3): %4</source>
        <translation>✖ 共尝试 %1 次，用时 %2 秒，失败（%3）：%4</translation>
    </message>
    <message>
        <source>Running attempt %1 of %2…</source>
        <translation>正在进行第 %1 次尝试（共 %2 次）…</translation>
    </message>
    <message>
        <source>Attempt %1 of %2 failed; waiting to rerun.</source>
        <translation>第 %1 次尝试（共 %2 次）失败；等待重跑。</translation>
    </message>
    <message>
        <source>Attempt %1 of %2 failed: %3
Attempt %4 starts in %5 (at %6).</source>
        <translation>第 %1 次尝试（共 %2 次）失败：%3
第 %4 次尝试将在 %5 后开始（%6）。</translation>
    </message>
    <message>
        <source>partition %1: %2 before, %3 after</source>
        <translation>分区 %1：之前 %2 条，之后 %3 条</translation>
    </message>
    <message>
        <source>Window audit: every record read has a timestamp inside the window.</source>
        <translation>时间窗口核对：读取的每条记录的时间戳都在窗口内。</translation>
    </message>
    <message>
        <source>Window audit: %1 record(s) read have a timestamp before the window and %2 after it (%3).</source>
        <translation>时间窗口核对：读取的记录中有 %1 条时间戳早于窗口，%2 条晚于窗口（%3）。</translation>
    </message>
    <message>
        <source>Offset ledger: no earlier run of this task to compare with.</source>
        <translation>位点台账：此任务没有可比较的上一次运行。</translation>
    </message>
    <message>
        <source>Offset ledger: this run starts exactly where the run into %1 ended.</source>
        <translation>位点台账：本次运行恰好从写入 %1 的那次运行结束处开始。</translation>
    </message>
    <message>
        <source>partition %1: %2 offset(s) never read</source>
        <translation>分区 %1：%2 个位点从未读取</translation>
    </message>
    <message>
        <source>partition %1: %2 offset(s) read again</source>
        <translation>分区 %1：%2 个位点被重复读取</translation>
    </message>
    <message>
        <source>Generate table schema…</source>
        <translation>一键生成目标表…</translation>
    </message>
    <message>
        <source>Offset ledger: this run does not join the run into %1: %2.</source>
        <translation>位点台账：本次运行与写入 %1 的那次运行不衔接：%2。</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::RunWorker</name>
    <message>
        <source>parameters: %1</source>
        <translation>参数：%1</translation>
    </message>
    <message>
        <source>window: %1</source>
        <translation>窗口：%1</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::SchedulingPage</name>
    <message>
        <source>Every 5 minutes</source>
        <translation>每 5 分钟</translation>
    </message>
    <message>
        <source>Every hour</source>
        <translation>每小时</translation>
    </message>
    <message>
        <source>Every day</source>
        <translation>每天</translation>
    </message>
    <message>
        <source>Every week</source>
        <translation>每周</translation>
    </message>
    <message>
        <source>Every month</source>
        <translation>每月</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Minute</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>Hour</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Scheduled time</source>
        <translation>定时时间</translation>
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
        <translation>其他参数</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>&amp;Start from:</source>
        <translation>开始时间(&amp;S):</translation>
    </message>
    <message>
        <source>Run &amp;at:</source>
        <translation>定时时间(&amp;A):</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source> h</source>
        <translation> 小时</translation>
    </message>
    <message>
        <source>Assign both startTime and endTime: they give the [start, end) window the task reads.</source>
        <translation>请同时为 startTime 和 endTime 赋值：它们决定任务读取的 [开始, 结束) 时间窗口。</translation>
    </message>
    <message>
        <source>first</source>
        <translation>首个</translation>
    </message>
    <message>
        <source>contiguous</source>
        <translation>连续</translation>
    </message>
    <message>
        <source>GAP of %1: data in between is never read</source>
        <translation>间隔 %1：其间的数据永远不会被读取</translation>
    </message>
    <message>
        <source>OVERLAP of %1: data in between is read twice</source>
        <translation>重叠 %1：其间的数据会被读取两次</translation>
    </message>
    <message>
        <source>At %1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n gap(s) between consecutive windows: some data would never be read.</source>
        <translation>
            <numerusform>相邻窗口之间有 %n 处间隔：部分数据永远不会被读取。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overlap(s) between consecutive windows: some data would be read twice.</source>
        <translation>
            <numerusform>相邻窗口之间有 %n 处重叠：部分数据会被读取两次。</numerusform>
        </translation>
    </message>
    <message>
        <source>✔ The parameters resolve to contiguous windows.</source>
        <translation>✔ 参数解析出的时间窗口首尾相接。</translation>
    </message>
    <message>
        <source>%1: %2, %3, %4 with errors.</source>
        <translation>%1：%2，%3，%4 个有错误。</translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s)</source>
        <translation>
            <numerusform>%n 个实例</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n gap(s)</source>
        <translation>
            <numerusform>%n 处间隙</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overlap(s)</source>
        <translation>
            <numerusform>%n 处重叠</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kmsync::ui::SecretPrompt</name>
    <message>
        <source>Secret for &quot;%1&quot;</source>
        <translation>“%1”的密钥</translation>
    </message>
    <message>
        <source>Datasource &quot;%1&quot; needs its %2, which is kept in the desktop keychain, but the keychain did not give it: %3

Enter it for this action only; it is not saved anywhere.</source>
        <translation>数据源“%1”需要其 %2，它保存在桌面钥匙串中，但钥匙串未能提供：%3

仅为本次操作输入；它不会被保存到任何地方。</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%2 的 %1</translation>
    </message>
</context>
<context>
    <name>kmsync::ui::SourcePage</name>
    <message>
        <source>Specific time</source>
        <translation>指定时间</translation>
    </message>
    <message>
        <source>Partition start offset (earliest)</source>
        <translation>分区起始位点 (earliest)</translation>
    </message>
    <message>
        <source>Group current offset</source>
        <translation>消费者组当前位点</translation>
    </message>
    <message>
        <source>Specific offset</source>
        <translation>指定偏移量</translation>
    </message>
    <message>
        <source>Partition latest offset</source>
        <translation>分区最新位点</translation>
    </message>
    <message>
        <source>Exit when the configured end offset or time is reached</source>
        <translation>到达指定结束位点或时间时退出</translation>
    </message>
    <message>
        <source>Exit when a poll returns nothing for 1 minute</source>
        <translation>1 分钟读取不到新数据时退出</translation>
    </message>
    <message>
        <source>server time zone (%1)</source>
        <translation>服务器时区（%1）</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>配置项</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Listing the topics of &quot;%1&quot;…</source>
        <translation>正在列出“%1”中的 Topic…</translation>
    </message>
    <message>
        <source>Could not list topics: %1</source>
        <translation>无法列出 Topic：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n topic(s) found.</source>
        <translation>
            <numerusform>找到 %n 个 Topic。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kmsync::ui::TaskEditor</name>
    <message>
        <source>&amp;Source</source>
        <translation>数据来源(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Destination</source>
        <translation>数据去向(&amp;D)</translation>
    </message>
    <message>
        <source>Field &amp;mapping</source>
        <translation>字段映射(&amp;M)</translation>
    </message>
    <message>
        <source>Sc&amp;heduling</source>
        <translation>调度配置(&amp;H)</translation>
    </message>
    <message>
        <source>Se&amp;ttings</source>
        <translation>通道控制(&amp;T)</translation>
    </message>
</context>
</TS>
