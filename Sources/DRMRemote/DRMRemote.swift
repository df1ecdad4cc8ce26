// DRMRemote holds the connectors to managed systems: SSH (swift-nio-ssh), HTTP, SMTP, databases and WinRM.
// They arrive with the targets issue (#6); until then the module only fixes its place in the layering.
