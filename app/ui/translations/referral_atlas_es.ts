<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>CompareView</name>
    <message>
        <source>Compare two possible sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;What tells them apart&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What tells them apart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Second source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No bedside check in the atlas tells these two apart: compare their cards.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrashReports</name>
    <message>
        <source>Something went wrong, but you can keep going. A report for staff is in {0}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExplorerPanel</name>
    <message>
        <source>Compare…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the chosen source beside another one: both paths, both cards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>with {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>click where it hurts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>touch is off: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interface language: English or Spanish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layers and maps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the layers and skin maps (L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing there to pick: point at a bone, disc, joint or nerve.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You picked {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; the atlas has no pain pathways that start there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>: where {0} can send pain or strain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The path does not pulse: this computer takes {0} ms to draw a frame.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View: {0} · {1} · drag to turn, scroll to zoom</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutOfOrderWindow</name>
    <message>
        <source>Out of order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sorry, this screen is not working right now. Please tell the front desk.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
