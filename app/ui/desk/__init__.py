"""The desk window's parts (clinician and student): its toolbars, the layers dock, and the registry
that builds each control a mode's spec allows."""
