/**
 * Command line of Kết Luận, working on the configured data directory (DATA_DIR, default ./data):
 *   npm run cli -- user add --username an --name "Nguyễn Văn An" --role office [--password …] [--agency …]
 *   npm run cli -- user list
 *   npm run cli -- user edit --username an [--name …] [--email …] [--role …] [--agency …]
 *   npm run cli -- user disable|enable --username an
 *   npm run cli -- user reset-password --username an [--password …]   (without: a one-time password, printed)
 *   npm run cli -- token create --username an [--label "script"] [--days 90]
 *   npm run cli -- token list --username an
 *   npm run cli -- token revoke --token klt_… | --id ID | --username an [--label "script"]
 *   npm run cli -- notice create --username an --title "Kết luận của …"
 *   npm run cli -- notice share --notice ID --username binh --access read|write
 *   npm run cli -- import FILE… [--username an]        (.docx or .txt; prints one notice id per file)
 *   npm run cli -- export ID --out FILE.docx           (the notice in the Decree 30 layout)
 *   npm run cli -- demo notices [--dir DIR] [--username an]   (imports the sample notices)
 * Prints only the requested value on stdout (a token, an id) so that scripts can capture it.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { AuthService, DEFAULT_TOKEN_DAYS } from './auth/AuthService';
import { isAuthError, ROLES, type Role } from './auth/types';
import { readConfig } from './config';
import { openDatabase } from './db';
import { NoticeError, NoticeRegistry } from './notices/NoticeRegistry';
import { OfficeProfileStore } from './office/OfficeProfile';
import { openSqliteDocStore } from './store/SqliteDocStore';
import { DirectoryStore } from './agencies/DirectoryStore';
import { TaskStore } from './tasks/TaskStore';
import { createImportedNotice, importSeedNotices, readNoticeFile, seedsDir } from './documents/importNotice';
import { noticeDocx } from './documents/noticeDocx';
import { isImportError, MAX_DOCX_BYTES, MAX_TEXT_BYTES } from './documents/types';
import { directoryAgency } from '../src/lib/server/directoryAgency';

const USAGE = `Cách dùng: npm run cli -- <lệnh>
  user add --username TÊN --name "Họ tên" --role admin|office|leader|agency [--password MK] [--agency "Tên cơ quan"] [--email thu@dien.tu]
  user list
  user edit --username TÊN [--name "Họ tên"] [--email thu@dien.tu] [--role VAI_TRÒ] [--agency "Tên cơ quan"]
                                      sửa người dùng; cơ quan phải có trong danh mục ("" để bỏ trống)
  user disable --username TÊN         khóa tài khoản: phiên đăng nhập kết thúc, kết nối đang mở bị đóng
  user enable --username TÊN          mở khóa tài khoản
  user reset-password --username TÊN [--password MK]
                                      đặt lại mật khẩu; không ghi --password: in ra một mật khẩu dùng một lần,
                                      người dùng phải đổi khi đăng nhập (các phiên đăng nhập kết thúc)
  token create --username TÊN [--label NHÃN] [--days SỐ_NGÀY]   khóa API, hết hạn sau ${DEFAULT_TOKEN_DAYS} ngày nếu không ghi --days
  token list --username TÊN           mã, nhãn, ngày tạo, ngày hết hạn của từng khóa
  token revoke --token KHÓA | --id MÃ | --username TÊN [--label NHÃN]   thu hồi ngay (kết nối đang mở bị đóng)
  notice create --username TÊN --title "Trích yếu"
  notice share --notice ID --username TÊN --access read|write
  import TỆP… [--username TÊN]        nhập .docx hoặc .txt thành thông báo mới (mặc định: quản trị viên đầu tiên)
  export ID --out TỆP.docx            xuất thông báo theo thể thức Nghị định 30/2020
  demo notices [--dir THƯ_MỤC] [--username TÊN]   nạp các thông báo mẫu (mặc định ../shared/seeds hoặc SEEDS_DIR)
Giới hạn khi nhập: .docx ${MAX_DOCX_BYTES / 1048576} MB, văn bản ${MAX_TEXT_BYTES / 1048576} MB.`;

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
			days: { type: 'string' },
			token: { type: 'string' },
			id: { type: 'string' },
			title: { type: 'string' },
			notice: { type: 'string' },
			access: { type: 'string' },
			out: { type: 'string' },
			dir: { type: 'string' },
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
	const office = new OfficeProfileStore(db);
	const notices = new NoticeRegistry(db, store, () => office.get());
	const need = (v: string | undefined, flag: string): string => {
		if (!v) throw new UsageError(`Thiếu --${flag}.`);
		return v;
	};
	const userNamed = (username: string) => {
		const u = auth.findByUsername(username);
		if (!u) throw new UsageError(`Không có người dùng "${username}".`);
		return u;
	};
	/** Who imports: --username, else the first administrator. */
	const importer = () => {
		if (values.username) return userNamed(values.username);
		const admin = auth.listUsers().find((u) => u.role === 'admin');
		if (!admin) throw new UsageError('Chưa có quản trị viên: hãy chỉ rõ --username.');
		return userNamed(admin.username);
	};
	// Imports project the new notice's tasks at once, with the directory in force.
	const importDeps = () => {
		const directory = new DirectoryStore(db);
		return { notices, tasks: new TaskStore(db, () => directory.get()) };
	};
	try {
		// "import" and "export" take their operands (files, an id) where other groups name a command.
		switch (group === 'import' || group === 'export' ? group : `${group} ${command ?? ''}`.trim()) {
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
			case 'user edit': {
				const user = userNamed(need(values.username, 'username'));
				const role = values.role ?? user.role;
				if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`Vai trò phải là một trong: ${ROLES.join(', ')}.`);
				// The agency as the administration page takes it: the directory's own name, or refused.
				let agency = user.agency;
				if (values.agency !== undefined) {
					const typed = values.agency.trim();
					if (!typed) agency = null;
					else {
						const found = directoryAgency(typed, new DirectoryStore(db).get());
						if ('error' in found) throw new UsageError(found.error);
						agency = found.name;
					}
				}
				const edited = auth.updateUser(user.id, {
					displayName: values.name ?? user.displayName,
					email: values.email ?? user.email ?? null,
					role: role as Role,
					agency
				});
				console.error(`Đã sửa người dùng ${edited.username} (${edited.role}${edited.agency ? `, ${edited.agency}` : ''}).`);
				break;
			}
			case 'user disable':
			case 'user enable': {
				const user = userNamed(need(values.username, 'username'));
				const disable = command === 'disable';
				// A running server closes the user's sync sockets at its next credential check [P13].
				auth.setDisabled(user.id, disable);
				console.error(disable ? `Đã khóa tài khoản ${user.username}; các phiên đăng nhập đã kết thúc.` : `Đã mở khóa tài khoản ${user.username}.`);
				break;
			}
			case 'user reset-password': {
				const user = userNamed(need(values.username, 'username'));
				const result = await auth.resetPassword(user.id, values.password ?? null);
				console.error(`Đã đặt lại mật khẩu của ${user.username}; các phiên đăng nhập đã kết thúc.`);
				if (result.oneTime) {
					console.error('Mật khẩu dùng một lần (chỉ hiện lần này; người dùng phải đổi khi đăng nhập):');
					console.log(result.password);
				}
				break;
			}
			case 'token create': {
				const user = userNamed(need(values.username, 'username'));
				let days = DEFAULT_TOKEN_DAYS;
				if (values.days !== undefined) {
					days = Number(values.days);
					if (!/^\d+$/.test(values.days)) throw new UsageError('--days phải là số ngày nguyên dương.');
				}
				console.log(auth.createApiToken(user.id, values.label ?? 'cli', days));
				break;
			}
			case 'token list': {
				const user = userNamed(need(values.username, 'username'));
				const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
				for (const t of auth.listApiTokens(user.id))
					console.log(`${t.id}\t${t.label}\ttạo ${day(t.createdAt)}\t${t.expiresAt > Date.now() ? 'hết hạn' : 'đã hết hạn'} ${day(t.expiresAt)}`);
				break;
			}
			case 'token revoke': {
				const given = [values.token, values.id, values.username].filter((v) => v !== undefined).length;
				if (given !== 1) throw new UsageError('Hãy ghi đúng một trong --token, --id hoặc --username.');
				if (values.username !== undefined) {
					const n = auth.revokeApiTokensOf(userNamed(values.username).id, values.label);
					console.error(`Đã thu hồi ${n} khóa API.`);
				} else {
					const t = auth.revokeApiToken((values.token ?? values.id)!);
					console.error(`Đã thu hồi khóa API ${t.id} (${t.label}).`);
				}
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
			case 'import': {
				const files = positionals.slice(1);
				if (!files.length) throw new UsageError('Thiếu tệp cần nhập.');
				const user = importer();
				const deps = importDeps();
				// Every file is read and checked before any is stored: a bad file in the list creates nothing.
				const read = [];
				for (const file of files) {
					try {
						read.push({ file, imported: await readNoticeFile(basename(file), await readFile(file)) });
					} catch (e) {
						if (isImportError(e)) throw new UsageError(`${file}: ${e.message}`);
						throw e;
					}
				}
				for (const { file, imported } of read) {
					let id: string;
					try {
						id = await createImportedNotice(deps, user, imported);
					} catch (e) {
						// Already issued here: said, and nothing stored for this file.
						if (isImportError(e)) throw new UsageError(`${file}: ${e.message}`);
						throw e;
					}
					for (const w of imported.warnings) console.error(`${file}: ${w}`);
					console.log(id);
				}
				break;
			}
			case 'export': {
				const id = need(command, 'ID (export ID --out TỆP.docx)');
				const out = need(values.out, 'out');
				const doc = await notices.loadDoc(id);
				try {
					await mkdir(dirname(resolve(out)), { recursive: true });
					await writeFile(out, await noticeDocx(doc));
				} catch (e) {
					throw new UsageError(`Không ghi được tệp ${out}: ${e instanceof Error ? e.message : String(e)}`);
				} finally {
					doc.destroy();
				}
				console.error(`Đã xuất ${out}.`);
				break;
			}
			case 'demo notices': {
				const dir = values.dir ?? seedsDir();
				const result = await importSeedNotices(importDeps(), importer(), dir);
				if (!result.found) throw new UsageError(`Không có thư mục mẫu ${dir}.`);
				for (const id of result.ids) console.log(id);
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
	else if ((e as { code?: unknown })?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || (e as { code?: unknown })?.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
		console.error(`Tham số không hợp lệ: ${(e as Error).message.split('.')[0]}\n\n${USAGE}`);
	else if (isAuthError(e) || e instanceof NoticeError || isImportError(e)) console.error(`Lỗi: ${e.message}`);
	else console.error(e);
	process.exitCode = 1;
});
