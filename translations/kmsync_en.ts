<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>kmsync::ui::BackfillDialog</name>
    <message numerus="yes">
        <source>Running %n instance(s)…</source>
        <translation>
            <numerusform>Running %n instance…</numerusform>
            <numerusform>Running %n instances…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s), %1</source>
        <translation>
            <numerusform>%n instance, %1</numerusform>
            <numerusform>%n instances, %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kmsync::ui::BackfillWorker</name>
    <message numerus="yes">
        <source>%n instance(s) cannot run; nothing was run.</source>
        <translation>
            <numerusform>%n instance cannot run; nothing was run.</numerusform>
            <numerusform>%n instances cannot run; nothing was run.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kmsync::ui::CheckProductionDialog</name>
    <message numerus="yes">
        <source>✖ %n difference(s) between dev and prod.</source>
        <translation>
            <numerusform>✖ %n difference between dev and prod.</numerusform>
            <numerusform>✖ %n differences between dev and prod.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kmsync::ui::DatasourceDialog</name>
    <message numerus="yes">
        <source>Storing %n secret(s) in the desktop keychain…</source>
        <translation>
            <numerusform>Storing %n secret in the desktop keychain…</numerusform>
            <numerusform>Storing %n secrets in the desktop keychain…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kmsync::ui::DestinationPage</name>
    <message numerus="yes">
        <source>%n table(s) found.</source>
        <translation>
            <numerusform>%n table found.</numerusform>
            <numerusform>%n tables found.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kmsync::ui::DriftPanel</name>
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
</context>
<context>
    <name>kmsync::ui::JsonTreeModel</name>
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
</context>
<context>
    <name>kmsync::ui::MainWindow</name>
    <message numerus="yes">
        <source>Saved %1 with %n problem(s)</source>
        <translation>
            <numerusform>Saved %1 with %n problem</numerusform>
            <numerusform>Saved %1 with %n problems</numerusform>
        </translation>
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
    <message numerus="yes">
        <source>%n message(s) read, %1 dirty.</source>
        <translation>
            <numerusform>%n message read, %1 dirty.</numerusform>
            <numerusform>%n messages read, %1 dirty.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kmsync::ui::QueryPanel</name>
    <message numerus="yes">
        <source>%n row(s).</source>
        <translation>
            <numerusform>%n row.</numerusform>
            <numerusform>%n rows.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) to %1.</source>
        <translation>
            <numerusform>Exported %n row to %1.</numerusform>
            <numerusform>Exported %n rows to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kmsync::ui::SchedulingPage</name>
    <message numerus="yes">
        <source>%n gap(s) between consecutive windows: some data would never be read.</source>
        <translation>
            <numerusform>%n gap between consecutive windows: some data would never be read.</numerusform>
            <numerusform>%n gaps between consecutive windows: some data would never be read.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overlap(s) between consecutive windows: some data would be read twice.</source>
        <translation>
            <numerusform>%n overlap between consecutive windows: some data would be read twice.</numerusform>
            <numerusform>%n overlaps between consecutive windows: some data would be read twice.</numerusform>
        </translation>
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
    <name>kmsync::ui::SourcePage</name>
    <message numerus="yes">
        <source>%n topic(s) found.</source>
        <translation>
            <numerusform>%n topic found.</numerusform>
            <numerusform>%n topics found.</numerusform>
        </translation>
    </message>
</context>
</TS>
