// Migration 0004, frozen: the built-in device-type catalog (spec/domain.md §4: the original's static registry
// and its discovery hints), as system rows that can't be changed or deleted. Never edit.
extension Migration {
    /// device type catalog
    static let m0004 = Migration(
        "0004",
        "device type catalog",
        up: [
            .sql(
                postgres: """
                    INSERT INTO device_type_categories (value, label, description, icon, color, sort_order, is_system, is_active) VALUES
                    ('operating_system', 'Operating systems', 'Servers and desktops reached by SSH or WinRM', 'server', '#2457c5', 1, TRUE, TRUE),
                    ('network', 'Network devices', 'Routers, switches and gateways', 'router', '#16794c', 2, TRUE, TRUE),
                    ('virtualization', 'Virtualization', 'Hypervisors and their management APIs', 'layers', '#7a3fc4', 3, TRUE, TRUE),
                    ('database', 'Databases', 'Database servers', 'database', '#a15c07', 4, TRUE, TRUE),
                    ('web', 'Web and mail services', 'HTTP servers, APIs and mail servers', 'globe', '#0b7285', 5, TRUE, TRUE),
                    ('generic', 'Other devices', 'Anything else', 'box', '#5f6b7a', 9, TRUE, TRUE)
                    """,
                sqlite: nil),
            .sql(
                postgres: """
                    INSERT INTO device_types (value, label, category, description, communication_methods, discovery_ports, discovery_oids, discovery_services, discovery_keywords, is_system, is_active, search_vector, tags) VALUES
                    ('linux', 'Linux server', 'operating_system', 'A Linux host managed over SSH', '["ssh"]', '[22,111,2049]', '[]', '["ssh"]', '["linux","ubuntu","centos","redhat","debian"]', TRUE, TRUE, 'linux linux server operating_system a linux host managed over ssh ssh ssh linux ubuntu centos redhat debian os unix', '["os","unix"]'),
                    ('windows', 'Windows', 'operating_system', 'A Windows host managed over WinRM', '["winrm"]', '[135,139,445,3389,5985,5986]', '[]', '["smb","rdp","winrm"]', '["windows"]', TRUE, TRUE, 'windows windows operating_system a windows host managed over winrm winrm smb rdp winrm windows os', '["os"]'),
                    ('windows_desktop', 'Windows desktop', 'operating_system', 'A Windows workstation', '["winrm"]', '[135,139,445,3389]', '[]', '["smb","rdp"]', '["windows","desktop"]', TRUE, TRUE, 'windows_desktop windows desktop operating_system a windows workstation winrm smb rdp windows desktop os', '["os"]'),
                    ('windows_server', 'Windows Server', 'operating_system', 'A Windows server with web roles', '["winrm"]', '[80,135,139,443,445,3389,5985,5986]', '[]', '["smb","rdp","winrm","http"]', '["windows","server"]', TRUE, TRUE, 'windows_server windows server operating_system a windows server with web roles winrm smb rdp winrm http windows server os', '["os"]'),
                    ('router_gateway', 'Router or gateway', 'network', 'A router, firewall or gateway', '["ssh","rest_api"]', '[53,80,161,443]', '[]', '["dns","http","snmp"]', '["router","gateway","openwrt","dd-wrt","pfsense"]', TRUE, TRUE, 'router_gateway router or gateway network a router, firewall or gateway ssh rest_api dns http snmp router gateway openwrt dd-wrt pfsense network', '["network"]'),
                    ('cisco_switch', 'Cisco switch', 'network', 'A Cisco IOS switch', '["ssh"]', '[22,23,80,161,443]', '[]', '["ssh","telnet","snmp"]', '["cisco","ios","switch"]', TRUE, TRUE, 'cisco_switch cisco switch network a cisco ios switch ssh ssh telnet snmp cisco ios switch network cisco', '["network","cisco"]'),
                    ('cisco_router', 'Cisco router', 'network', 'A Cisco IOS router', '["ssh"]', '[22,23,80,161,443]', '[]', '["ssh","telnet","snmp"]', '["cisco","ios","router"]', TRUE, TRUE, 'cisco_router cisco router network a cisco ios router ssh ssh telnet snmp cisco ios router network cisco', '["network","cisco"]'),
                    ('proxmox', 'Proxmox VE', 'virtualization', 'A Proxmox virtualization host', '["ssh","rest_api"]', '[22,8006]', '[]', '["ssh","https"]', '["proxmox"]', TRUE, TRUE, 'proxmox proxmox ve virtualization a proxmox virtualization host ssh rest_api ssh https proxmox hypervisor', '["hypervisor"]'),
                    ('vmware_esxi', 'VMware ESXi', 'virtualization', 'A VMware ESXi host', '["ssh","rest_api"]', '[22,80,443,902]', '[]', '["ssh","https"]', '["vmware","esxi"]', TRUE, TRUE, 'vmware_esxi vmware esxi virtualization a vmware esxi host ssh rest_api ssh https vmware esxi hypervisor', '["hypervisor"]'),
                    ('mysql', 'MySQL server', 'database', 'A MySQL or MariaDB server (managed over SSH)', '["ssh"]', '[3306]', '[]', '["mysql"]', '["mysql","mariadb"]', TRUE, TRUE, 'mysql mysql server database a mysql or mariadb server (managed over ssh) ssh mysql mysql mariadb database', '["database"]'),
                    ('postgresql', 'PostgreSQL server', 'database', 'A PostgreSQL server', '["postgresql","ssh"]', '[5432]', '[]', '["postgresql"]', '["postgresql","postgres"]', TRUE, TRUE, 'postgresql postgresql server database a postgresql server postgresql ssh postgresql postgresql postgres database', '["database"]'),
                    ('apache', 'Apache HTTP server', 'web', 'An Apache httpd web server', '["rest_api","ssh"]', '[80,443]', '[]', '["http","https"]', '["apache","httpd"]', TRUE, TRUE, 'apache apache http server web an apache httpd web server rest_api ssh http https apache httpd web', '["web"]'),
                    ('nginx', 'nginx', 'web', 'An nginx web server or proxy', '["rest_api","ssh"]', '[80,443]', '[]', '["http","https"]', '["nginx"]', TRUE, TRUE, 'nginx nginx web an nginx web server or proxy rest_api ssh http https nginx web', '["web"]'),
                    ('smtp_server', 'Mail server (SMTP)', 'web', 'A mail server reached over SMTP', '["smtp"]', '[25,465,587]', '[]', '["smtp"]', '["smtp","postfix","exim","mail"]', TRUE, TRUE, 'smtp_server mail server (smtp) web a mail server reached over smtp smtp smtp smtp postfix exim mail mail', '["mail"]'),
                    ('generic_device', 'Generic device', 'generic', 'A device of no more specific type', '["ssh"]', '[]', '[]', '[]', '[]', TRUE, TRUE, 'generic_device generic device generic a device of no more specific type ssh', '[]')
                    """,
                sqlite: nil),
        ],
        down: [
            .sql(postgres: "DELETE FROM device_types WHERE is_system", sqlite: nil),
            .sql(postgres: "DELETE FROM device_type_categories WHERE is_system", sqlite: nil),
        ]
    )
}
