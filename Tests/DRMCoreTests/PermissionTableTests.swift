import DRMCore
import Testing

@Suite struct PermissionTableTests {
    @Test func administratorsMayDoEverything() {
        for resource in Permission.Resource.allCases {
            for action in Permission.Action.allCases {
                #expect(PermissionTable.allows(.administrator, Permission(resource, action)))
            }
        }
    }

    @Test(arguments: [
        (UserRole.manager, Permission(.targets, .delete), true), (.manager, Permission(.jobs, .execute), true),
        (.manager, Permission(.audit, .read), true), (.manager, Permission(.users, .create), false),
        (.manager, Permission(.settings, .update), false), (.user, Permission(.jobs, .execute), true),
        (.user, Permission(.jobs, .create), false), (.user, Permission(.audit, .read), false),
        (.user, Permission(.targets, .read), true), (.guest, Permission(.jobs, .execute), false),
        (.guest, Permission(.targets, .read), true), (.guest, Permission(.sessions, .delete), true),
        (.guest, Permission(.settings, .update), false),
        (.administrator, Permission(.hostKeys, .update), true),
        (.manager, Permission(.hostKeys, .update), false),
        (.manager, Permission(.metrics, .read), true), (.user, Permission(.metrics, .read), false),
        (.guest, Permission(.metrics, .read), false),
    ])
    func theMatrix(role: UserRole, permission: Permission, allowed: Bool) {
        #expect(PermissionTable.allows(role, permission) == allowed)
    }

    @Test func lowerRolesNeverHaveMoreThanHigherOnes() {
        let order: [UserRole] = [.administrator, .manager, .user, .guest]
        for (higher, lower) in zip(order, order.dropFirst()) {
            for resource in Permission.Resource.allCases {
                for action in Permission.Action.allCases
                where PermissionTable.allows(lower, Permission(resource, action)) {
                    #expect(
                        PermissionTable.allows(higher, Permission(resource, action)),
                        "\(lower) may \(resource):\(action) but \(higher) may not")
                }
            }
        }
    }
}
