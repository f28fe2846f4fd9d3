"""The registers of the workspace: one module per link's register, on one base
(:mod:`.base`) and one registry (:mod:`.registry`)."""
