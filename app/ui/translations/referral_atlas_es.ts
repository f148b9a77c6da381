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
    <name>HandoutDialog</name>
    <message>
        <source>Patient handout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A note for the patient, if you like (printed on the sheet, never stored):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note for the patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Walk a little every day; see me again in 3 weeks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No printer is set up on this computer; save a PDF instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the handout</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryControl</name>
    <message>
        <source>Go back to what was shown before (Alt+←)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go forward again (Alt+→)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go forward</source>
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
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handout…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A sheet for the patient: this view, the possible sources, what helps (PDF or print)</source>
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
<context>
    <name>SearchBox</name>
    <message>
        <source>Search: sciatica, heel, slipped disc … (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>place on the body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nerve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>body part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>card</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TextSize</name>
    <message>
        <source>Larger text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normal text size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text size {0}%</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
