<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>ClusterDialog</name>
    <message>
        <source>Choose the cluster</source>
        <translation>Выбор кластера</translation>
    </message>
    <message>
        <source>&amp;Our lab: 3 etcd, 3 Patroni and HAProxy that this program starts and stops</source>
        <translation>&amp;Наш стенд: 3 etcd, 3 Patroni и HAProxy, которые эта программа запускает и останавливает</translation>
    </message>
    <message>
        <source>&amp;Project name:</source>
        <translation>&amp;Имя проекта:</translation>
    </message>
    <message>
        <source>Containers are named PROJECT-patroni1 … PROJECT-haproxy</source>
        <translation>Контейнеры называются PROJECT-patroni1 … PROJECT-haproxy</translation>
    </message>
    <message>
        <source>Port &amp;base:</source>
        <translation>&amp;База портов:</translation>
    </message>
    <message>
        <source>Writes on 127.0.0.1:B, reads on B+1, HAProxy statistics on B+2, Patroni REST on B+10…B+12, etcd on B+20…B+22</source>
        <translation>Запись — на 127.0.0.1:B, чтение — на B+1, статистика HAProxy — на B+2, REST API Patroni — на B+10…B+12, etcd — на B+20…B+22</translation>
    </message>
    <message>
        <source>An &amp;existing cluster, found by compose project or container-name prefix</source>
        <translation>&amp;Существующий кластер, найденный по проекту compose или префиксу имён контейнеров</translation>
    </message>
    <message>
        <source>&amp;Name or prefix:</source>
        <translation>Имя или &amp;префикс:</translation>
    </message>
    <message>
        <source>e.g. demo (the Patroni repository&apos;s docker compose demo)</source>
        <translation>например, demo (демо-кластер docker compose из репозитория Patroni)</translation>
    </message>
    <message>
        <source>Type the compose project or the container-name prefix of the cluster, e.g. demo.</source>
        <translation>Введите проект compose или префикс имён контейнеров кластера, например demo.</translation>
    </message>
    <message>
        <source>“%1” cannot be a container name: use letters, digits, &apos;_&apos;, &apos;.&apos; and &apos;-&apos; only.</source>
        <translation>«%1» не может быть именем контейнера: допустимы только латинские буквы, цифры, «_», «.» и «-».</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export the timeline</source>
        <translation>Экспорт временной шкалы</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Файл:</translation>
    </message>
    <message>
        <source>The suffix chooses the format: .png, .jpg, .svg or .pdf</source>
        <translation>Формат определяется расширением: .png, .jpg, .svg или .pdf</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Обзор…</translation>
    </message>
    <message>
        <source>&amp;Size:</source>
        <translation>&amp;Размер:</translation>
    </message>
    <message>
        <source> px</source>
        <translation> пикс.</translation>
    </message>
    <message>
        <source>&amp;Resolution:</source>
        <translation>Ра&amp;зрешение:</translation>
    </message>
    <message>
        <source>Dots per inch: 150 suits a report page, 300 a printed one</source>
        <translation>Точек на дюйм: 150 — для страницы отчёта, 300 — для печати</translation>
    </message>
    <message>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Заголовок:</translation>
    </message>
    <message>
        <source>&amp;Legend</source>
        <translation>&amp;Легенда</translation>
    </message>
    <message>
        <source>Choose a file name.</source>
        <translation>Выберите имя файла.</translation>
    </message>
    <message>
        <source>End the file name with .png, .jpg, .svg or .pdf: the suffix chooses the format.</source>
        <translation>Имя файла должно оканчиваться на .png, .jpg, .svg или .pdf: формат определяется расширением.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>Папка %1 не существует.</translation>
    </message>
    <message>
        <source>The folder %1 is not writable: choose another one.</source>
        <translation>В папку %1 нельзя записывать: выберите другую.</translation>
    </message>
    <message>
        <source>PNG image (*.png);;JPEG image (*.jpg *.jpeg);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>Изображение PNG (*.png);;Изображение JPEG (*.jpg *.jpeg);;Рисунок SVG (*.svg);;Документ PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Patroni HA Lab</source>
        <translation>Patroni HA Lab</translation>
    </message>
    <message>
        <source>Looking for the lab…</source>
        <translation>Поиск стенда…</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Временная шкала</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>Стенд</translation>
    </message>
    <message>
        <source>&amp;Lab</source>
        <translation>С&amp;тенд</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Журнал</translation>
    </message>
    <message>
        <source>Lab &amp;up</source>
        <translation>&amp;Запустить стенд</translation>
    </message>
    <message>
        <source>Build the node image if needed, start the lab and wait until it is healthy</source>
        <translation>Собрать образ узла (если нужно), запустить стенд и дождаться, пока он станет исправен</translation>
    </message>
    <message>
        <source>Lab &amp;down</source>
        <translation>&amp;Удалить стенд</translation>
    </message>
    <message>
        <source>Remove the lab&apos;s containers and network</source>
        <translation>Удалить контейнеры и сеть стенда</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <source>&amp;Heal all</source>
        <translation>Вос&amp;становить всё</translation>
    </message>
    <message>
        <source>Unpause, reconnect and start every container of the cluster</source>
        <translation>Снять с паузы, вернуть в сеть и запустить все контейнеры кластера</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <source>Patroni HA Lab — %1 (127.0.0.1:%2)</source>
        <translation>Patroni HA Lab — %1 (127.0.0.1:%2)</translation>
    </message>
    <message>
        <source>Time since start (s)</source>
        <translation>Время с начала (с)</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>Задержка (мс)</translation>
    </message>
    <message>
        <source>&amp;Nodes</source>
        <translation>&amp;Узлы</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Ошибка: %1</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <source>Failed — see the log</source>
        <translation>Ошибка — подробности в журнале</translation>
    </message>
    <message>
        <source>Heal all: no cluster has been found yet (is the lab up?)</source>
        <translation>Восстановление: кластер пока не найден (стенд запущен?)</translation>
    </message>
    <message>
        <source>Heal all: %1</source>
        <translation>Восстановление: %1</translation>
    </message>
    <message>
        <source>Heal all failed — see the log</source>
        <translation>Восстановить всё не удалось — подробности в журнале</translation>
    </message>
    <message>
        <source>Cannot %1 %2: the cluster&apos;s network is not known yet</source>
        <translation>Не удаётся выполнить %1 для %2: сеть кластера пока неизвестна</translation>
    </message>
    <message>
        <source>docker %1 %2 …</source>
        <translation>docker %1 %2 …</translation>
    </message>
    <message>
        <source>Docker is not usable: %1</source>
        <translation>Docker недоступен: %1</translation>
    </message>
    <message>
        <source>Lab &apos;%1&apos; is not running. Press “Lab up” to build and start it (3 etcd, 3 Patroni, HAProxy).</source>
        <translation>Стенд «%1» не запущен. Нажмите «Запустить стенд», чтобы собрать и запустить его (3 etcd, 3 Patroni, HAProxy).</translation>
    </message>
    <message>
        <source>Lab &apos;%1&apos; is healthy: leader %2, two streaming replicas, etcd 3/3, HAProxy routes writes to the leader.</source>
        <translation>Стенд «%1» исправен: лидер %2, две реплики в состоянии streaming, etcd 3/3, HAProxy направляет запись на лидера.</translation>
    </message>
    <message>
        <source>Lab &apos;%1&apos; is not healthy: %2</source>
        <translation>Стенд «%1» неисправен: %2</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>отсутствует</translation>
    </message>
    <message>
        <source>Containers — %1. etcd %2/3 healthy. HAProxy sends writes to %3.</source>
        <translation>Контейнеры — %1. Исправно etcd: %2 из 3. Узел записи в HAProxy: %3.</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Bringing the lab up…</source>
        <translation>Запуск стенда…</translation>
    </message>
    <message>
        <source>Removing the lab…</source>
        <translation>Удаление стенда…</translation>
    </message>
    <message>
        <source>Bring the lab &amp;up</source>
        <translation>&amp;Запустить стенд</translation>
    </message>
    <message>
        <source>Topology</source>
        <translation>Топология</translation>
    </message>
    <message>
        <source>Members (patronictl list)</source>
        <translation>Узлы (patronictl list)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Traffic</source>
        <translation>&amp;Нагрузка</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation>Нагрузка</translation>
    </message>
    <message>
        <source>&amp;Open run…</source>
        <translation>&amp;Открыть прогон…</translation>
    </message>
    <message>
        <source>Study a run stored in the journal; no Docker needed</source>
        <translation>Изучить прогон из журнала прогонов; Docker не нужен</translation>
    </message>
    <message>
        <source>&amp;Export timeline…</source>
        <translation>&amp;Экспорт временной шкалы…</translation>
    </message>
    <message>
        <source>Save the timeline as PNG, SVG or PDF at a chosen size for a report</source>
        <translation>Сохранить временную шкалу в PNG, SVG или PDF нужного размера для отчёта</translation>
    </message>
    <message>
        <source>&amp;Copy timeline</source>
        <translation>&amp;Копировать временную шкалу</translation>
    </message>
    <message>
        <source>Copy the timeline as an image to the clipboard</source>
        <translation>Скопировать временную шкалу в буфер обмена как изображение</translation>
    </message>
    <message>
        <source>Export run &amp;data (CSV)…</source>
        <translation>Экспорт &amp;данных прогона (CSV)…</translation>
    </message>
    <message>
        <source>Write operations, events, faults, outage windows (CSV) and summary.json of the shown run to a folder</source>
        <translation>Сохранить в папку операции, события, сбои, интервалы простоя (CSV) и summary.json показанного прогона</translation>
    </message>
    <message>
        <source>&amp;Choose cluster…</source>
        <translation>&amp;Выбрать кластер…</translation>
    </message>
    <message>
        <source>Our lab (project, port base) or an existing cluster (compose project or container-name prefix)</source>
        <translation>Наш стенд (проект, база портов) или существующий кластер (проект compose или префикс имён контейнеров)</translation>
    </message>
    <message>
        <source>Look for the cluster&apos;s containers again</source>
        <translation>Заново найти контейнеры кластера</translation>
    </message>
    <message>
        <source>Start/stop &amp;traffic</source>
        <translation>Запустить/остановить &amp;нагрузку</translation>
    </message>
    <message>
        <source>Start or stop the traffic generator (INSERT through HAProxy, as in the lab report)</source>
        <translation>Запустить или остановить генератор нагрузки (INSERT через HAProxy, как в лабораторной работе)</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>&amp;Режим презентации</translation>
    </message>
    <message>
        <source>Full screen, large fonts and high contrast, for lectures</source>
        <translation>Полный экран, крупные шрифты и высокая контрастность — для лекций</translation>
    </message>
    <message>
        <source>&amp;Follow live</source>
        <translation>&amp;Следить в реальном времени</translation>
    </message>
    <message>
        <source>Keep the newest minute of the run in view</source>
        <translation>Показывать последнюю минуту прогона</translation>
    </message>
    <message>
        <source>&amp;Whole run</source>
        <translation>&amp;Весь прогон</translation>
    </message>
    <message>
        <source>Show the whole run on the timeline</source>
        <translation>Показать весь прогон на временной шкале</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Сочетания клавиш</translation>
    </message>
    <message>
        <source>&amp;About Patroni HA Lab</source>
        <translation>&amp;О программе Patroni HA Lab</translation>
    </message>
</context>
<context>
    <name>MemberTableModel</name>
    <message>
        <source>unknown</source>
        <translation>неизвестно</translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s) behind the leader</source>
        <translation>
            <numerusform>Отстаёт от лидера на %n байт</numerusform>
            <numerusform>Отстаёт от лидера на %n байта</numerusform>
            <numerusform>Отстаёт от лидера на %n байт</numerusform>
        </translation>
    </message>
    <message>
        <source>Its own REST API does not answer (container %1)</source>
        <translation>REST API узла не отвечает (контейнер %1)</translation>
    </message>
    <message>
        <source>Patroni %1, container %2</source>
        <translation>Patroni %1, контейнер %2</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Узел</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Хост</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>TL</source>
        <translation>TL</translation>
    </message>
    <message>
        <source>Receive LSN</source>
        <translation>LSN получения</translation>
    </message>
    <message>
        <source>Lag</source>
        <translation>Отставание</translation>
    </message>
    <message>
        <source>Replay LSN</source>
        <translation>LSN воспроизведения</translation>
    </message>
</context>
<context>
    <name>NodeActionMenu</name>
    <message>
        <source>only a Patroni node can take over the leadership</source>
        <translation>стать лидером может только узел Patroni</translation>
    </message>
    <message>
        <source>%1 is already the leader</source>
        <translation>%1 уже лидер</translation>
    </message>
    <message>
        <source>there is no leader to hand over from</source>
        <translation>нет лидера, который мог бы передать роль</translation>
    </message>
    <message>
        <source>the container is %1, not running</source>
        <translation>контейнер в состоянии %1, а не running</translation>
    </message>
    <message>
        <source>the node is cut off from the network</source>
        <translation>узел отключён от сети</translation>
    </message>
    <message>
        <source>Stop (docker stop)	S</source>
        <translation>Остановить (docker stop)	S</translation>
    </message>
    <message>
        <source>Start (docker start)	T</source>
        <translation>Запустить (docker start)	T</translation>
    </message>
    <message>
        <source>Restart (docker restart)	R</source>
        <translation>Перезапустить (docker restart)	R</translation>
    </message>
    <message>
        <source>Kill — SIGKILL, no shutdown (docker kill)	K</source>
        <translation>Убить — SIGKILL, без корректного завершения (docker kill)	K</translation>
    </message>
    <message>
        <source>Pause — freeze every process (docker pause)	P</source>
        <translation>Приостановить — заморозить все процессы (docker pause)	P</translation>
    </message>
    <message>
        <source>Unpause (docker unpause)	P</source>
        <translation>Снять с паузы (docker unpause)	P</translation>
    </message>
    <message>
        <source>Disconnect from the network	N</source>
        <translation>Отключить от сети	N</translation>
    </message>
    <message>
        <source>Reconnect to the network	N</source>
        <translation>Вернуть в сеть	N</translation>
    </message>
    <message>
        <source>Switchover to this node	W</source>
        <translation>Плановое переключение (switchover) на этот узел	W</translation>
    </message>
    <message>
        <source>Ask the leader %1 to hand over to %2 (planned, no data loss)</source>
        <translation>Попросить лидера %1 передать роль узлу %2 (плановое переключение, без потери данных)</translation>
    </message>
    <message>
        <source>Heal all — unpause, reconnect, start everything	H</source>
        <translation>Восстановить всё — снять с паузы, вернуть в сеть, запустить	H</translation>
    </message>
</context>
<context>
    <name>RunListModel</name>
    <message>
        <source>running</source>
        <translation>идёт</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>завершён</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>прерван</translation>
    </message>
    <message>
        <source>The program ended before this run was stopped; everything that reached the disk can still be studied.</source>
        <translation>Программа завершилась раньше, чем этот прогон был остановлен; всё, что успело попасть на диск, можно изучить.</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Прогон</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Длительность</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Operations</source>
        <translation>Операции</translation>
    </message>
</context>
<context>
    <name>RunsDialog</name>
    <message>
        <source>Open a past run</source>
        <translation>Открыть прошлый прогон</translation>
    </message>
    <message>
        <source>The run journal could not be opened, so there are no runs to show. The log says why.</source>
        <translation>Не удалось открыть журнал прогонов, поэтому показать нечего. Причина — в окне «Журнал».</translation>
    </message>
    <message>
        <source>Reading the runs in %1…</source>
        <translation>Чтение прогонов из %1…</translation>
    </message>
    <message>
        <source>Could not read the runs: %1</source>
        <translation>Не удалось прочитать прогоны: %1</translation>
    </message>
    <message>
        <source>No runs yet in %1. Start the traffic generator to record one.</source>
        <translation>В %1 пока нет прогонов. Запустите генератор нагрузки, чтобы записать прогон.</translation>
    </message>
    <message>
        <source>Runs in %1. Double-click one to study it; no Docker is needed.</source>
        <translation>Прогоны в %1. Дважды щёлкните прогон, чтобы изучить его; Docker для этого не нужен.</translation>
    </message>
</context>
<context>
    <name>TopologyView</name>
    <message>
        <source>Cluster topology</source>
        <translation>Топология кластера</translation>
    </message>
    <message>
        <source>The lab cluster as a diagram. Click a node for its actions, or use the keyboard:
%1</source>
        <translation>Кластер стенда в виде схемы. Щёлкните узел, чтобы открыть его действия, или используйте клавиатуру:
%1</translation>
    </message>
    <message>
        <source>Tab, Shift+Tab, arrow keys</source>
        <translation>Tab, Shift+Tab, стрелки</translation>
    </message>
    <message>
        <source>select the next, previous or neighbouring node</source>
        <translation>выбрать следующий, предыдущий или соседний узел</translation>
    </message>
    <message>
        <source>1 2 3</source>
        <translation>1 2 3</translation>
    </message>
    <message>
        <source>select Patroni node 1, 2, 3</source>
        <translation>выбрать узел Patroni 1, 2, 3</translation>
    </message>
    <message>
        <source>4 5 6</source>
        <translation>4 5 6</translation>
    </message>
    <message>
        <source>select etcd node 1, 2, 3</source>
        <translation>выбрать узел etcd 1, 2, 3</translation>
    </message>
    <message>
        <source>7</source>
        <translation>7</translation>
    </message>
    <message>
        <source>select HAProxy</source>
        <translation>выбрать HAProxy</translation>
    </message>
    <message>
        <source>Enter, Space, Menu</source>
        <translation>Enter, Пробел, Menu</translation>
    </message>
    <message>
        <source>open the selected node&apos;s menu</source>
        <translation>открыть меню выбранного узла</translation>
    </message>
    <message>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <source>stop the selected node (docker stop)</source>
        <translation>остановить выбранный узел (docker stop)</translation>
    </message>
    <message>
        <source>T</source>
        <translation>T</translation>
    </message>
    <message>
        <source>start it (docker start)</source>
        <translation>запустить его (docker start)</translation>
    </message>
    <message>
        <source>R</source>
        <translation>R</translation>
    </message>
    <message>
        <source>restart it (docker restart)</source>
        <translation>перезапустить его (docker restart)</translation>
    </message>
    <message>
        <source>K</source>
        <translation>K</translation>
    </message>
    <message>
        <source>kill it (docker kill)</source>
        <translation>убить его (docker kill)</translation>
    </message>
    <message>
        <source>P</source>
        <translation>P</translation>
    </message>
    <message>
        <source>pause it, or unpause it when paused</source>
        <translation>приостановить его или, если он на паузе, снять с паузы</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>disconnect it from the network, or reconnect it when cut off</source>
        <translation>отключить его от сети или, если он отключён, вернуть в сеть</translation>
    </message>
    <message>
        <source>W</source>
        <translation>W</translation>
    </message>
    <message>
        <source>switchover: make the selected replica the leader</source>
        <translation>плановое переключение (switchover): сделать выбранную реплику лидером</translation>
    </message>
    <message>
        <source>H</source>
        <translation>H</translation>
    </message>
    <message>
        <source>heal all: unpause, reconnect and start every node</source>
        <translation>восстановить всё: снять с паузы, вернуть в сеть и запустить все узлы</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>отсутствует</translation>
    </message>
    <message>
        <source>cut off</source>
        <translation>отключён от сети</translation>
    </message>
    <message>
        <source>running</source>
        <translation>работает</translation>
    </message>
    <message>
        <source>paused, cut off</source>
        <translation>приостановлен, отключён от сети</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>приостановлен</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>остановлен</translation>
    </message>
    <message>
        <source>restarting</source>
        <translation>перезапускается</translation>
    </message>
    <message>
        <source>created, never started</source>
        <translation>создан, ни разу не запускался</translation>
    </message>
    <message>
        <source>dead</source>
        <translation>мёртв (dead)</translation>
    </message>
    <message>
        <source>being removed</source>
        <translation>удаляется</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>неизвестно</translation>
    </message>
    <message>
        <source>Raft leader</source>
        <translation>лидер Raft</translation>
    </message>
    <message>
        <source>Raft follower</source>
        <translation>ведомый Raft</translation>
    </message>
    <message>
        <source>lag unknown</source>
        <translation>отставание неизвестно</translation>
    </message>
    <message>
        <source>lag: received %1, replayed %2</source>
        <translation>отставание: получение %1, воспроизведение %2</translation>
    </message>
    <message>
        <source>lag %1</source>
        <translation>отставание %1</translation>
    </message>
    <message>
        <source>state unknown</source>
        <translation>состояние неизвестно</translation>
    </message>
    <message>
        <source>%1 · API silent</source>
        <translation>%1 · API молчит</translation>
    </message>
    <message>
        <source>TL %1</source>
        <translation>TL %1</translation>
    </message>
    <message>
        <source>TL ?</source>
        <translation>TL ?</translation>
    </message>
    <message>
        <source>writes here</source>
        <translation>запись сюда</translation>
    </message>
    <message>
        <source>not in the cluster</source>
        <translation>не в кластере</translation>
    </message>
    <message>
        <source>no Patroni answer</source>
        <translation>Patroni не отвечает</translation>
    </message>
    <message>
        <source>no API answer</source>
        <translation>API не отвечает</translation>
    </message>
    <message>
        <source>waiting…</source>
        <translation>ожидание…</translation>
    </message>
    <message>
        <source>container %1</source>
        <translation>контейнер %1</translation>
    </message>
    <message>
        <source>healthy</source>
        <translation>исправен</translation>
    </message>
    <message>
        <source>unhealthy (no quorum)</source>
        <translation>неисправен (нет кворума)</translation>
    </message>
    <message>
        <source>down</source>
        <translation>недоступен</translation>
    </message>
    <message>
        <source>RAFT LEADER</source>
        <translation>ЛИДЕР RAFT</translation>
    </message>
    <message>
        <source>follower</source>
        <translation>ведомый</translation>
    </message>
    <message>
        <source>term %1</source>
        <translation>терм %1</translation>
    </message>
    <message>
        <source>term ?</source>
        <translation>терм ?</translation>
    </message>
    <message>
        <source>not observed</source>
        <translation>не наблюдается</translation>
    </message>
    <message>
        <source>HAProxy</source>
        <translation>HAProxy</translation>
    </message>
    <message>
        <source>stats unreachable</source>
        <translation>статистика недоступна</translation>
    </message>
    <message>
        <source>routing unknown</source>
        <translation>маршрутизация неизвестна</translation>
    </message>
    <message>
        <source>writes → %1</source>
        <translation>запись → %1</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>reads → %1</source>
        <translation>чтение → %1</translation>
    </message>
    <message>
        <source>etcd not observed</source>
        <translation>etcd не наблюдается</translation>
    </message>
    <message>
        <source>quorum %1/%2</source>
        <translation>кворум %1/%2</translation>
    </message>
    <message>
        <source>quorum lost %1/%2</source>
        <translation>кворум потерян %1/%2</translation>
    </message>
    <message>
        <source>Container: %1</source>
        <translation>Контейнер: %1</translation>
    </message>
    <message>
        <source>Docker: %1 (%2)</source>
        <translation>Docker: %1 (%2)</translation>
    </message>
    <message>
        <source>Networks (at discovery): %1</source>
        <translation>Сети (при обнаружении): %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Member: %1, host %2</source>
        <translation>Узел: %1, хост %2</translation>
    </message>
    <message>
        <source>Role: %1, state: %2</source>
        <translation>Роль: %1, состояние: %2</translation>
    </message>
    <message>
        <source>Timeline: %1</source>
        <translation>Линия времени (timeline): %1</translation>
    </message>
    <message>
        <source>Received up to %1, replayed up to %2</source>
        <translation>Получено до %1, воспроизведено до %2</translation>
    </message>
    <message>
        <source>REST API answers</source>
        <translation>REST API отвечает</translation>
    </message>
    <message>
        <source>REST API does not answer</source>
        <translation>REST API не отвечает</translation>
    </message>
    <message>
        <source>Patroni %1, PostgreSQL %2.%3</source>
        <translation>Patroni %1, PostgreSQL %2.%3</translation>
    </message>
    <message>
        <source>No Patroni member information</source>
        <translation>Нет сведений об узле Patroni</translation>
    </message>
    <message>
        <source>etcd member %1: %2</source>
        <translation>Узел etcd %1: %2</translation>
    </message>
    <message>
        <source>not healthy</source>
        <translation>неисправен</translation>
    </message>
    <message>
        <source>Raft: %1, term %2</source>
        <translation>Raft: %1, терм %2</translation>
    </message>
    <message>
        <source>leader</source>
        <translation>лидер</translation>
    </message>
    <message>
        <source>etcd %1</source>
        <translation>etcd %1</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Ошибка: %1</translation>
    </message>
    <message>
        <source>Stats page does not answer</source>
        <translation>Страница статистики не отвечает</translation>
    </message>
    <message>
        <source>Waiting for the first observation of the cluster.</source>
        <translation>Ожидание первого опроса кластера.</translation>
    </message>
    <message>
        <source>No cluster found.</source>
        <translation>Кластер не найден.</translation>
    </message>
    <message>
        <source>Leader %1 on timeline %2.</source>
        <translation>Лидер %1, линия времени (timeline) %2.</translation>
    </message>
    <message>
        <source>Leader %1.</source>
        <translation>Лидер %1.</translation>
    </message>
    <message>
        <source>No leader.</source>
        <translation>Лидера нет.</translation>
    </message>
    <message>
        <source>%1: %2, %3</source>
        <translation>%1: %2, %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>, raft leader</source>
        <translation>, лидер Raft</translation>
    </message>
    <message>
        <source>, container %1</source>
        <translation>, контейнер %1</translation>
    </message>
    <message>
        <source>etcd %1.</source>
        <translation>etcd: %1.</translation>
    </message>
    <message>
        <source>HAProxy sends writes to %1 and reads to %2.</source>
        <translation>HAProxy: запись — %1, чтение — %2.</translation>
    </message>
    <message>
        <source>HAProxy is unreachable.</source>
        <translation>HAProxy недоступен.</translation>
    </message>
    <message>
        <source>No cluster found — bring the lab up (Lab ▸ Up)</source>
        <translation>Кластер не найден — запустите стенд (Стенд ▸ Запустить стенд)</translation>
    </message>
    <message>
        <source>writes</source>
        <translation>запись</translation>
    </message>
    <message>
        <source>reads</source>
        <translation>чтение</translation>
    </message>
    <message>
        <source>WAL</source>
        <translation>WAL</translation>
    </message>
    <message>
        <source>Waiting for the first observation…</source>
        <translation>Ожидание первого опроса…</translation>
    </message>
    <message>
        <source>cluster</source>
        <translation>кластер</translation>
    </message>
    <message>
        <source>cluster %1</source>
        <translation>кластер %1</translation>
    </message>
    <message>
        <source>%1 · leader %2</source>
        <translation>%1 · лидер %2</translation>
    </message>
    <message>
        <source>%1 · NO LEADER</source>
        <translation>%1 · НЕТ ЛИДЕРА</translation>
    </message>
    <message>
        <source> · timeline %1</source>
        <translation> · линия времени %1</translation>
    </message>
    <message>
        <source>replication</source>
        <translation>репликация</translation>
    </message>
</context>
<context>
    <name>TrafficPanel</name>
    <message>
        <source>Traffic generator</source>
        <translation>Генератор нагрузки</translation>
    </message>
    <message>
        <source>&amp;Target:</source>
        <translation>&amp;Цель:</translation>
    </message>
    <message>
        <source>Which HAProxy listener the generator connects to</source>
        <translation>К какому порту HAProxy подключается генератор</translation>
    </message>
    <message>
        <source>&amp;Rate:</source>
        <translation>&amp;Частота:</translation>
    </message>
    <message>
        <source>Workload operations per second over all connections (0: as fast as possible). The lab report used 1.</source>
        <translation>Операций нагрузки в секунду по всем соединениям вместе (0 — как можно быстрее). В отчёте о лабораторной работе было 1.</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>без ограничения</translation>
    </message>
    <message>
        <source> ops/s</source>
        <translation> оп./с</translation>
    </message>
    <message>
        <source>&amp;Connections:</source>
        <translation>&amp;Соединения:</translation>
    </message>
    <message>
        <source>&amp;Deadline:</source>
        <translation>&amp;Тайм-аут:</translation>
    </message>
    <message>
        <source>Client-side limit per operation: a frozen server (docker pause) shows up as &quot;deadline exceeded&quot;</source>
        <translation>Предельное время одной операции на стороне клиента: замороженный сервер (docker pause) выглядит как «deadline exceeded»</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> мс</translation>
    </message>
    <message>
        <source>&amp;Start traffic</source>
        <translation>&amp;Запустить нагрузку</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>В реальном времени</translation>
    </message>
    <message>
        <source>Writes:</source>
        <translation>Запись:</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Reads:</source>
        <translation>Чтение:</translation>
    </message>
    <message>
        <source>Operations/s:</source>
        <translation>Операций/с:</translation>
    </message>
    <message>
        <source>Write outage:</source>
        <translation>Простой записи:</translation>
    </message>
    <message>
        <source>Not running.</source>
        <translation>Не запущен.</translation>
    </message>
    <message>
        <source>Writes: HAProxy primary (127.0.0.1:%1)</source>
        <translation>Запись: HAProxy → лидер (127.0.0.1:%1)</translation>
    </message>
    <message>
        <source>Reads: HAProxy replicas (127.0.0.1:%1)</source>
        <translation>Чтение: HAProxy → реплики (127.0.0.1:%1)</translation>
    </message>
    <message>
        <source>&amp;Stop traffic</source>
        <translation>&amp;Остановить нагрузку</translation>
    </message>
    <message>
        <source>Running: every operation is recorded in the journal.</source>
        <translation>Идёт: каждая операция записывается в журнал прогонов.</translation>
    </message>
    <message>
        <source>Stopped; checking which acknowledged writes are in the table…</source>
        <translation>Остановлен; проверяем, какие подтверждённые записи есть в таблице…</translation>
    </message>
    <message>
        <source>Finished.</source>
        <translation>Завершён.</translation>
    </message>
    <message>
        <source>%1 ok, %2 failed</source>
        <translation>успешно: %1, ошибок: %2</translation>
    </message>
    <message>
        <source>, %1 unknown</source>
        <translation>, неизвестно: %1</translation>
    </message>
    <message>
        <source>running for %1 s</source>
        <translation>длится %1 с</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message numerus="yes">
        <source>none now; the last one lasted %1 s (%n in all)</source>
        <translation>
            <numerusform>сейчас нет; последний длился %1 с (всего %n простой)</numerusform>
            <numerusform>сейчас нет; последний длился %1 с (всего %n простоя)</numerusform>
            <numerusform>сейчас нет; последний длился %1 с (всего %n простоев)</numerusform>
        </translation>
    </message>
</context>
</TS>
