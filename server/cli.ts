/**
 * Command line of Kết Luận, working on the configured data directory (DATA_DIR, default ./data):
 *   npm run cli -- user add --username an --name "Nguyễn Văn An" --role office [--password …] [--agency …]
 *   npm run cli -- user list
 *   npm run cli -- token create --username an [--label "script"]
 *   npm run cli -- notice create --username an --title "Kết luận của …"
 *   npm run cli -- notice share --notice ID --username binh --access read|write
 * Prints only the requested value on stdout (a token, an id) so that scripts can capture it.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { AuthService } from './auth/AuthService';
import { isAuthError, ROLES, type Role } from './auth/types';
import { readConfig } from './config';
import { openDatabase } from './db';
import { NoticeError, NoticeRegistry } from './notices/NoticeRegistry';
import { openSqliteDocStore } from './store/SqliteDocStore';

const USAGE = `Cách dùng: npm run cli -- <lệnh>
  user add --username TÊN --name "Họ tên" --role admin|office|leader|agency [--password MK] [--agency "Tên cơ quan"] [--email thu@dien.tu]
  user list
  token create --username TÊN [--label NHÃN]
  notice create --username TÊN --title "Trích yếu"
  notice share --notice ID --username TÊN --access read|write`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
	const { values, positionals } = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			username: { type: 'string' },
			name: { type: 'string' },
			password: { type: 'string' },
			role: { type: 'string' },
			agency: { type: 'string' },
			email: { type: 'string' },
			label: { type: 'string' },
			title: { type: 'string' },
			notice: { type: 'string' },
			access: { type: 'string' },
			help: { type: 'boolean', short: 'h' }
		}
	});
	const [group, command] = positionals;
	if (values.help || !group) {
		console.log(USAGE);
		return;
	}
	const config = readConfig(process.env);
	const db = openDatabase(config.dataDir);
	const auth = new AuthService(db);
	const store = openSqliteDocStore(db);
	const notices = new NoticeRegistry(db, store);
	const need = (v: string | undefined, flag: string): string => {
		if (!v) throw new UsageError(`Thiếu --${flag}.`);
		return v;
	};
	const userNamed = (username: string) => {
		const u = auth.findByUsername(username);
		if (!u) throw new UsageError(`Không có người dùng "${username}".`);
		return u;
	};
	try {
		switch (`${group} ${command ?? ''}`.trim()) {
			case 'user add': {
				const role = need(values.role, 'role');
				if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`Vai trò phải là một trong: ${ROLES.join(', ')}.`);
				const generated = values.password === undefined;
				const password = values.password ?? randomBytes(9).toString('base64url');
				const user = await auth.createUser({
					username: need(values.username, 'username'),
					displayName: need(values.name, 'name'),
					password,
					role: role as Role,
					agency: values.agency ?? null,
					email: values.email ?? null
				});
				console.log(`Đã tạo người dùng ${user.username} (${user.role}).`);
				if (generated) console.log(`Mật khẩu: ${password}`);
				break;
			}
			case 'user list':
				for (const u of auth.listUsers()) console.log(`${u.username}\t${u.role}\t${u.displayName}${u.agency ? `\t${u.agency}` : ''}`);
				break;
			case 'token create': {
				const user = userNamed(need(values.username, 'username'));
				console.log(auth.createApiToken(user.id, values.label ?? 'cli'));
				break;
			}
			case 'notice create': {
				const user = userNamed(need(values.username, 'username'));
				console.log(await notices.create(user, { title: values.title ?? '' }));
				break;
			}
			case 'notice share': {
				const access = need(values.access, 'access');
				if (access !== 'read' && access !== 'write') throw new UsageError('--access phải là read hoặc write.');
				notices.share(need(values.notice, 'notice'), userNamed(need(values.username, 'username')).id, access);
				console.error('Đã chia sẻ.');
				break;
			}
			default:
				throw new UsageError(`Lệnh không rõ: ${positionals.join(' ')}`);
		}
	} finally {
		await store.close();
		db.close();
	}
}

main(process.argv.slice(2)).catch((e: unknown) => {
	if (e instanceof UsageError) console.error(`${e.message}\n\n${USAGE}`);
	else if (isAuthError(e) || e instanceof NoticeError) console.error(`Lỗi: ${e.message}`);
	else console.error(e);
	process.exitCode = 1;
});
